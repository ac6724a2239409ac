// Pay at the table: without a check link, the POS panel opens a check for table 12 and shows its
// link (the table's QR code). With one, a diner's phone: the check from the backend, what they
// pay for (lines they pick or an equal share), a tip, the widget validating their part as the
// cart, and Pay, which the backend turns into this diner's own Spendgo order. Every price shown
// comes from the backend's check; the backend charges from the check, never from this page.

import '@demo/widget';
import { TAX_RATE } from '../shop/catalogue';
import { byId, MERCHANT, money } from './demo';

interface CheckLine {
  line: string;
  label: string;
  unit_cost: number;
  product_id: string;
  categories?: string[];
  state: 'open' | 'pending' | 'paid';
}
interface CheckView {
  id: string;
  table: string;
  lines: CheckLine[];
  split: { kind: 'lines' } | { kind: 'shares'; count: number } | null;
  shares: { count: number; taken: number } | null;
  subtotal: number;
  paid: number;
  remaining: number;
}

const widget = document.querySelector('spendgo-loyalty')!;
const params = new URLSearchParams(location.search);
// A sign-in comes back to this page without the link: it is kept for this tab.
if (params.get('check')) sessionStorage.setItem('demo-table-link', location.search);
const kept = new URLSearchParams(
  params.get('check') ? location.search : (sessionStorage.getItem('demo-table-link') ?? ''),
);
const checkId = kept.get('check');
const link = kept.get('link') ?? '';
const cents = (n: number) => Math.round(n * 100) / 100;

let check: CheckView | null = null;
let discount = 0;

function chosen(): { lines: string[] } | { shares: number } {
  const split = document.querySelector<HTMLInputElement>('input[name=split]:checked')?.value ?? 'lines';
  if (split === 'shares') return { shares: Number((byId('shares') as HTMLInputElement).value) || 2 };
  return { lines: [...document.querySelectorAll<HTMLInputElement>('#check-lines input:checked')].map((i) => i.value) };
}

/** This diner's part as the backend will price it (the same rules as demo/shop/check.ts). */
function part(): { items: object[]; subtotal: number } | null {
  if (!check) return null;
  const ask = chosen();
  if ('lines' in ask) {
    const lines = check.lines.filter((l) => ask.lines.includes(l.line));
    if (!lines.length) return null;
    return {
      items: lines.map((l) => ({
        label: l.label,
        unit_cost: l.unit_cost,
        quantity: 1,
        product_id: l.product_id,
        ...(l.categories && { categories: l.categories }),
      })),
      subtotal: cents(lines.reduce((s, l) => s + l.unit_cost, 0)),
    };
  }
  const count = check.shares?.count ?? ask.shares;
  const totalCents = Math.round(check.subtotal * 100);
  const each = Math.floor(totalCents / count);
  const first = (check.shares?.taken ?? 0) === 0;
  const subtotal = (first ? totalCents - each * (count - 1) : each) / 100;
  return {
    items: [{ label: `Equal share of ${String(count)}, table ${check.table}`, unit_cost: subtotal, quantity: 1 }],
    subtotal,
  };
}

function render(): void {
  if (!check) return;
  const byShares = check.split?.kind === 'shares';
  const byLines = check.split?.kind === 'lines';
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=split]')) {
    radio.disabled = (radio.value === 'lines' && byShares) || (radio.value === 'shares' && byLines);
    if (radio.value === 'shares' && byShares) radio.checked = true;
  }
  const sharesInput = byId('shares') as HTMLInputElement;
  if (check.shares) {
    sharesInput.value = String(check.shares.count);
    sharesInput.disabled = true;
  }
  byId('share-count').hidden = !('shares' in chosen());
  const list = byId('check-lines');
  const picked = new Set('lines' in chosen() ? (chosen() as { lines: string[] }).lines : []);
  list.replaceChildren(
    ...check.lines.map((l) => {
      const li = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = l.line;
      box.checked = picked.has(l.line) && l.state === 'open';
      box.disabled = l.state !== 'open' || 'shares' in chosen();
      box.addEventListener('change', render);
      label.append(
        box,
        ` ${l.label} · ${money.format(l.unit_cost)}${l.state === 'open' ? '' : ` (${l.state === 'paid' ? 'paid' : 'being paid'})`}`,
      );
      li.append(label);
      return li;
    }),
  );
  const mine = part();
  const subtotal = mine?.subtotal ?? 0;
  const tax = cents(subtotal * TAX_RATE);
  const tipRate = Number(document.querySelector<HTMLInputElement>('input[name=tip]:checked')?.value ?? 0);
  const tip = cents(subtotal * tipRate);
  byId('subtotal').textContent = money.format(subtotal);
  byId('discount').textContent = discount > 0 ? `−${money.format(discount)}` : '—';
  byId('tax').textContent = money.format(tax);
  byId('tip').textContent = money.format(tip);
  byId('total').textContent = money.format(Math.max(0, subtotal - discount + tax + tip));
  byId('check-status').textContent =
    `Check ${money.format(check.subtotal)}, paid ${money.format(check.paid)}, left ${money.format(check.remaining)}.`;
  const cart = mine ? { items: mine.items, subtotal: mine.subtotal, tax } : null;
  if (JSON.stringify(cart) !== JSON.stringify(widget.cart)) widget.cart = cart as typeof widget.cart;
}

async function load(): Promise<void> {
  const res = await fetch(`${MERCHANT}/checks/${encodeURIComponent(checkId!)}?link=${encodeURIComponent(link)}`);
  const body = (await res.json()) as { check?: CheckView; error?: { message: string } };
  if (!body.check) {
    byId('check-status').textContent = body.error?.message ?? 'This check could not be read.';
    return;
  }
  check = body.check;
  render();
}

if (!checkId) {
  byId('pos').hidden = false;
  byId('open-check').addEventListener('click', () => {
    void (async () => {
      const res = await fetch(`${MERCHANT}/tables/12/checks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_id: 'demo-storefront',
          store: '999999',
          lines: [
            { product_id: 'TURKEY', quantity: 2 },
            { product_id: 'SALAD', quantity: 1 },
            { product_id: 'LATTE', quantity: 2 },
          ],
        }),
      });
      const opened = (await res.json()) as { check_id: string; link: string };
      const url = `${location.origin}${location.pathname}?check=${encodeURIComponent(opened.check_id)}&link=${encodeURIComponent(opened.link)}`;
      const a = document.createElement('a');
      a.href = url;
      a.id = 'table-link';
      a.textContent = 'The table’s check link (its QR code)';
      byId('check-link').replaceChildren(a);
    })();
  });
} else {
  byId('diner').hidden = false;
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name=split], input[name=tip], #shares'))
    input.addEventListener('change', render);
  widget.addEventListener('spendgo-discount-change', (e) => {
    discount = e.discount;
    render();
  });
  void load();
  // What the others at the table pay shows up as it happens, until the check is paid.
  const poll = setInterval(() => {
    if (check?.remaining === 0) clearInterval(poll);
    else void load();
  }, 2000);
  byId('pay-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const status = byId('pay-status');
    const checkoutId = new FormData(form).get('spendgo_checkout_id');
    if (!form.reportValidity() || typeof checkoutId !== 'string' || !checkoutId || !check) {
      status.textContent = 'Waiting for the loyalty check to finish…';
      return;
    }
    const subtotal = part()?.subtotal ?? 0;
    const tipRate = Number(document.querySelector<HTMLInputElement>('input[name=tip]:checked')?.value ?? 0);
    status.textContent = 'Paying…';
    delete status.dataset['result'];
    void (async () => {
      const res = await fetch(`${MERCHANT}/checks/${encodeURIComponent(check.id)}/payments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          link,
          checkout_id: checkoutId,
          ...chosen(),
          tip: cents(subtotal * tipRate),
          fail_payment: (byId('fail-payment') as HTMLInputElement).checked,
        }),
      });
      const body = (await res.json()) as {
        order_id?: string;
        order?: { status: string; total: number };
        error?: { code: string; message: string };
      };
      status.textContent =
        res.status === 201
          ? `Paid ${money.format(body.order!.total)}: order ${body.order_id!} ${body.order!.status}.`
          : (body.error?.message ?? 'The payment did not go through.');
      status.dataset['result'] = res.status === 201 ? 'paid' : (body.error?.code ?? 'failed');
      // A reward spent on a paid part is gone; after a refusal the diner keeps their choice.
      if (res.status === 201) widget.clearReward();
      widget.refresh();
      await load();
    })();
  });
}
