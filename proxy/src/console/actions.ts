// What an operator can do to an order from the console: which actions an order offers (re-drive
// or confirm a stopped event, extend a hold, void, refund), what each one does in words the confirmation
// page shows, the schema of its form, and the signed merchant-API call that carries it out.
// Pure apart from that call, which goes through the merchant client like any backend's would.

import * as z from 'zod';
import type { MerchantClient } from '../../../merchant/client';
import type { OrderEventView, OrderView } from '../../../shared/wire';
import { MAX_HOLD_MS } from '../order-ledger/hold';

export const actionNames = ['redrive', 'confirm', 'extend-hold', 'void', 'refund'] as const;
export type ActionName = (typeof actionNames)[number];

const seq = z.coerce.number().int().min(1).max(100);
const csrf = z.string().min(1).max(100);

/** Each action's form, as posted (every form carries the session's CSRF token). */
export const actionForms = {
  redrive: z.object({ csrf, seq }),
  confirm: z.object({
    csrf,
    seq,
    transaction_id: z
      .string()
      .trim()
      .regex(/^([A-Za-z0-9_-]{1,64})?$/, 'letters, digits, _ or -')
      .transform((t) => t || undefined),
  }),
  'extend-hold': z.object({ csrf, hold_until: z.iso.datetime({ offset: true }) }),
  void: z.object({ csrf, reason: z.string().trim().max(500) }),
  refund: z.object({ csrf, reason: z.string().trim().max(500) }),
} satisfies Record<ActionName, z.ZodType>;

export type ActionForm<A extends ActionName> = z.infer<(typeof actionForms)[A]>;

const isStopped = (e: OrderEventView) => e.state === 'dead_lettered' || e.state === 'needs_reconciliation';

/** The actions an event offers: a stopped one may be sent again or, unless Spendgo refused it,
 * confirmed as applied. */
export function eventActions(event: OrderEventView): ActionName[] {
  if (!isStopped(event)) return [];
  return event.refused ? ['redrive'] : ['redrive', 'confirm'];
}

/** The actions the order itself offers. */
export function orderActions(order: OrderView): ActionName[] {
  const actions: ActionName[] = [];
  if (order.hold_until !== null) actions.push('extend-hold');
  if (order.status === 'placed' || order.status === 'billed') actions.push('void');
  if (order.status === 'completed') actions.push('refund');
  return actions;
}

/** Whether `action` is offered for `order` (and, for an event's action, its event `seq`). */
export function offered(order: OrderView, action: ActionName, eventSeq: number | undefined): boolean {
  if (action === 'redrive' || action === 'confirm') {
    const event = order.events.find((e) => e.seq === eventSeq);
    return event !== undefined && eventActions(event).includes(action);
  }
  return orderActions(order).includes(action);
}

const HOUR_MS = 3600_000;
const EXTENSIONS = [
  { label: '1 hour', ms: HOUR_MS },
  { label: '1 day', ms: 24 * HOUR_MS },
  { label: '3 days', ms: 72 * HOUR_MS },
  { label: '7 days', ms: 168 * HOUR_MS },
];

/** The new ends a hold may be given: its end (or now, if later) plus each step, within 30 days. The
 * form posts the absolute time, so a form sent twice extends once. */
export function holdChoices(order: OrderView, now: number): { label: string; until: string }[] {
  if (order.hold_until === null) return [];
  const from = Math.max(Date.parse(order.hold_until), now);
  return EXTENSIONS.filter((e) => from + e.ms <= now + MAX_HOLD_MS).map((e) => ({
    label: e.label,
    until: new Date(from + e.ms).toISOString(),
  }));
}

export interface ActionText {
  title: string;
  /** What happens, said before the operator confirms. */
  explanation: string;
  button: string;
  /** What the order page says once it is done. */
  done: string;
}

export function actionText(action: ActionName, order: OrderView, eventSeq?: number): ActionText {
  const event = order.events.find((e) => e.seq === eventSeq);
  const named = event ? `event ${event.seq} (${event.type})` : 'the event';
  switch (action) {
    case 'redrive':
      return {
        title: `Send ${named} again`,
        explanation:
          'The proxy sends the event to Spendgo again, in order. Do this once the reason it stopped is fixed, or, if its answer was lost, once you have checked at Spendgo that it was not applied.',
        button: 'Send again',
        done: `${named[0]!.toUpperCase()}${named.slice(1)} is queued to be sent to Spendgo again.`,
      };
    case 'confirm':
      return {
        title: `Mark ${named} as applied at Spendgo`,
        explanation:
          'The proxy records that Spendgo already has this event and never sends it again. Do this only after checking the order at Spendgo; if Spendgo does not have it, send it again instead.',
        button: 'Mark as applied',
        done: `${named[0]!.toUpperCase()}${named.slice(1)} is recorded as applied at Spendgo.`,
      };
    case 'extend-hold':
      return {
        title: `Extend the hold of order ${order.order_id}`,
        explanation:
          'The order keeps its checkout and the member’s reward longer. When the hold ends without billed, the proxy voids the order. Extend only as far as the payment authorisation lasts.',
        button: 'Extend the hold',
        done: 'The hold is extended.',
      };
    case 'void':
      return {
        title: `Void order ${order.order_id}`,
        explanation:
          'Spendgo is told the order is voided: the member’s reward is released and no points are earned. Do not charge the order afterwards. This cannot be undone.',
        button: 'Void the order',
        done: 'The order is voided; Spendgo is being told.',
      };
    case 'refund':
      return {
        title: `Refund order ${order.order_id}`,
        explanation:
          'Spendgo is told the order is refunded: the points it earned are taken back and a reward it used is returned. Refund the payment itself in your payment system; this does not move money. This cannot be undone.',
        button: 'Refund the order',
        done: 'The order is refunded; Spendgo is being told.',
      };
  }
}

/** Carries out `action` with a signed merchant-API call. Throws the client's MerchantApiError when
 * the API refuses it. */
export async function runAction<A extends ActionName>(
  api: MerchantClient,
  orderId: string,
  action: A,
  form: ActionForm<A>,
): Promise<void> {
  // Each form's type follows from its action; TypeScript does not narrow a generic, so read it by field.
  const f = form as Partial<
    ActionForm<'confirm'> & ActionForm<'extend-hold'> & ActionForm<'void'> & ActionForm<'refund'>
  >;
  switch (action) {
    case 'redrive':
      await api.redrive(orderId, f.seq!);
      return;
    case 'confirm':
      await api.confirm(orderId, f.seq!, f.transaction_id);
      return;
    case 'extend-hold':
      await api.extendHold(orderId, f.hold_until!);
      return;
    case 'void':
      await api.voided(orderId, { reason: f.reason || 'Voided from the operations console.' });
      return;
    case 'refund':
      await api.refunded(orderId, { reason: f.reason || 'Refunded from the operations console.' });
      return;
  }
}
