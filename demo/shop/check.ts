// A table's check, as the demo's POS (the merchant backend) keeps it for pay at the table: its
// lines (one unit each), and the payments diners make against it, each for lines they pick or
// for an equal share, each its own Spendgo order. Pure: the rules that keep the money right,
// whoever pays at the same moment, are here; the Durable Object only stores the check.
//
// - A line, or a share, is paid once: a payment reserves it (pending) before its card is
//   charged; a failed card releases only that payment's part.
// - The check cannot be overpaid: lines are claimed once, and shares number at most the split.
// - A check is split one way: by lines, or in N equal shares, as its first payment chooses.
//   An equal share is one basket line, "Equal share of N, table T", at the share's price: the
//   first share carries the cents that do not divide evenly (docs/spendgo-api.md A24).

import { TAX_RATE, type PricedItem } from './catalogue';

export interface CheckLine {
  /** The line's id on this check. */
  line: string;
  product_id: string;
  label: string;
  unit_cost: number;
  categories?: string[];
}

export type Ask = { lines: string[] } | { shares: number };

export interface CheckPayment {
  id: string;
  order_id: string;
  /** The lines it pays for, or the share (1 … count) it is. */
  lines?: string[];
  share?: number;
  subtotal: number;
  tax: number;
  tip: number;
  status: 'pending' | 'paid';
}

export interface Check {
  id: string;
  table: string;
  store: string;
  client_id: string;
  lines: CheckLine[];
  split: { kind: 'lines' } | { kind: 'shares'; count: number } | null;
  payments: CheckPayment[];
}

/** What one payment pays for: its basket (the cart the widget validates) and its amounts. */
export interface Portion {
  items: PricedItem[];
  subtotal: number;
  tax: number;
  share?: number;
}

export type CheckRefusal =
  'already_paid' | 'unknown_line' | 'nothing_chosen' | 'split_differently' | 'no_share_left' | 'bad_share_count';

const toCents = (amount: number) => Math.round(amount * 100);
const fromCents = (cents: number) => cents / 100;

export const MAX_SHARES = 12;

export const checkSubtotal = (check: Check) => fromCents(check.lines.reduce((sum, l) => sum + toCents(l.unit_cost), 0));

/** The lines no payment (paid or pending) holds. */
function openLines(check: Check): Set<string> {
  const held = new Set(check.payments.flatMap((p) => p.lines ?? []));
  return new Set(check.lines.map((l) => l.line).filter((id) => !held.has(id)));
}

/** Share k's price (cents) of a check split in `count`: equal, the first one carrying the remainder. */
function shareCents(check: Check, count: number, k: number): number {
  const total = toCents(checkSubtotal(check));
  const each = Math.floor(total / count);
  return k === 1 ? total - each * (count - 1) : each;
}

const taxOf = (subtotal: number) => fromCents(Math.round(toCents(subtotal) * TAX_RATE));

/** The next share a payment would be (1 … count), or null when none is left. */
function nextShare(check: Check, count: number): number | null {
  const taken = new Set(check.payments.map((p) => p.share).filter((s) => s !== undefined));
  for (let k = 1; k <= count; k++) if (!taken.has(k)) return k;
  return null;
}

/** What `ask` would pay for on the check as it stands, or why it cannot. */
export function portionOf(
  check: Check,
  ask: Ask,
): { ok: true; portion: Portion } | { ok: false; refusal: CheckRefusal } {
  if ('lines' in ask) {
    if (check.split?.kind === 'shares') return { ok: false, refusal: 'split_differently' };
    const unique = [...new Set(ask.lines)];
    if (unique.length === 0) return { ok: false, refusal: 'nothing_chosen' };
    const open = openLines(check);
    const chosen: CheckLine[] = [];
    for (const id of unique) {
      const line = check.lines.find((l) => l.line === id);
      if (!line) return { ok: false, refusal: 'unknown_line' };
      if (!open.has(id)) return { ok: false, refusal: 'already_paid' };
      chosen.push(line);
    }
    const items = chosen.map((l) => ({
      label: l.label,
      unit_cost: l.unit_cost,
      quantity: 1,
      product_id: l.product_id,
      ...(l.categories && { categories: l.categories }),
    }));
    const subtotal = fromCents(chosen.reduce((sum, l) => sum + toCents(l.unit_cost), 0));
    return { ok: true, portion: { items, subtotal, tax: taxOf(subtotal) } };
  }
  if (check.split?.kind === 'lines') return { ok: false, refusal: 'split_differently' };
  const count = check.split?.kind === 'shares' ? check.split.count : ask.shares;
  if (!Number.isInteger(ask.shares) || ask.shares < 2 || ask.shares > MAX_SHARES || ask.shares !== count)
    return { ok: false, refusal: 'bad_share_count' };
  const k = nextShare(check, count);
  if (k === null) return { ok: false, refusal: 'no_share_left' };
  const subtotal = fromCents(shareCents(check, count, k));
  const items = [{ label: `Equal share of ${String(count)}, table ${check.table}`, unit_cost: subtotal, quantity: 1 }];
  return { ok: true, portion: { items: items as PricedItem[], subtotal, tax: taxOf(subtotal), share: k } };
}

/** Reserves `ask` for a new pending payment: the check with it, and what it pays for. */
export function reserve(
  check: Check,
  ask: Ask,
  ids: { id: string; order_id: string },
  tip: number,
): { ok: true; check: Check; portion: Portion } | { ok: false; refusal: CheckRefusal } {
  const found = portionOf(check, ask);
  if (!found.ok) return found;
  const { portion } = found;
  const payment: CheckPayment = {
    ...ids,
    ...('lines' in ask ? { lines: [...new Set(ask.lines)] } : { share: portion.share! }),
    subtotal: portion.subtotal,
    tax: portion.tax,
    tip,
    status: 'pending',
  };
  const split =
    check.split ?? ('lines' in ask ? { kind: 'lines' as const } : { kind: 'shares' as const, count: ask.shares });
  return { ok: true, check: { ...check, split, payments: [...check.payments, payment] }, portion };
}

/** The card was charged and the order billed: the payment's part is paid for good. */
export function settle(check: Check, paymentId: string): Check {
  return {
    ...check,
    payments: check.payments.map((p) => (p.id === paymentId ? { ...p, status: 'paid' as const } : p)),
  };
}

/** The card was declined (the order voided): the payment's part is open again, nothing else is. */
export function release(check: Check, paymentId: string): Check {
  const payments = check.payments.filter((p) => !(p.id === paymentId && p.status === 'pending'));
  // A split chosen by a payment that is gone is open again, if no other payment keeps it.
  return { ...check, payments, split: payments.length === 0 ? null : check.split };
}

/** The check as a diner's phone shows it. */
export function checkView(check: Check) {
  const state = (line: string) => check.payments.find((p) => p.lines?.includes(line))?.status ?? 'open';
  const subtotal = checkSubtotal(check);
  const paid = fromCents(
    check.payments.filter((p) => p.status === 'paid').reduce((sum, p) => sum + toCents(p.subtotal), 0),
  );
  const count = check.split?.kind === 'shares' ? check.split.count : null;
  return {
    id: check.id,
    table: check.table,
    store: check.store,
    lines: check.lines.map((l) => ({ ...l, state: state(l.line) })),
    split: check.split,
    shares: count === null ? null : { count, taken: check.payments.filter((p) => p.share !== undefined).length },
    subtotal,
    paid,
    remaining: fromCents(toCents(subtotal) - toCents(paid)),
  };
}
