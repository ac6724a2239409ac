// Whether an order event may be taken, decided from the order as stored: the same request again
// under its Idempotency-Key is answered as before; a key reused for another request is refused;
// the same step again under another key is answered with the accepted event when the body is the
// same and refused when it is not (never silently dropped); a step the state machine forbids is
// refused with the order as it stands; a billed whose payments are not the order's total is
// refused. Pure: the OrderLedger reads the rows and writes the result.

import type { OrderEvent, OrderEventResult, OrderView } from '../../../shared/wire';
import { err, ok, type Result } from '../../../shared/result';
import { refusal, type Refusal } from '../refusal';
import type { HoldWindows } from './hold';
import { transition } from './machine';
import { paymentsRefusal } from './payments';
import { eventView, orderTotal, orderView, type EventRow, type OrderState } from './records';

export interface AcceptCommand {
  clientId: string;
  /** The Spendgo account the client uses now (a placed's checkout must have been made there). */
  account: string;
  orderId: string;
  idempotencyKey: string;
  requestHash: string;
  event: OrderEvent;
  /** The client's hold windows when the placed names no hold_until. */
  holdWindows: HoldWindows;
  /** Who sent it by hand (Spendgo-Operator), for the order's audit; a backend's own call names nobody. */
  operator?: string;
}

/** The Idempotency-Key of the `voided` the proxy sends itself when an order's hold ends. */
export const HOLD_EXPIRED_KEY = 'proxy:hold-expired';

/** An event taken: `accepted` now (or this same request again, under its key), or
 * `already_accepted` (the same step, same body, sent again under another key: nothing new). */
export interface Accepted {
  kind: 'accepted' | 'already_accepted';
  result: OrderEventResult;
}

/** A refusal, with the order as it stands when it exists and the refusal concerns its state. */
export type LedgerRefusal = Refusal & { order?: OrderView };

export type AcceptOutcome = Result<Accepted, LedgerRefusal>;

/** The answer for an event already in the order: the event and the order as they stand. */
export function taken(
  kind: Accepted['kind'],
  row: EventRow,
  state: OrderState,
  rows: readonly EventRow[],
): AcceptOutcome {
  const view = orderView(state, rows);
  return ok({
    kind,
    result: { event: view.events.find((e) => e.seq === row.seq) ?? eventView(row, null), order: view },
  });
}

/** The answer that settles `command` without a change, or null: go ahead and take it. */
export function admit(
  command: AcceptCommand,
  state: OrderState | null,
  rows: readonly EventRow[],
): AcceptOutcome | null {
  const byKey = rows.find((r) => r.idempotency_key === command.idempotencyKey);
  if (byKey && state) {
    return byKey.request_hash === command.requestHash
      ? taken('accepted', byKey, state, rows)
      : err(refusal('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.'));
  }
  const decision = transition(
    state?.status ?? 'new',
    rows.map((r) => r.type),
    command.event.type,
  );
  const earlier = rows.find((r) => r.type === command.event.type);
  if (decision.kind === 'repeat' && state && earlier) {
    // The merchant voids an order the proxy already voided when its hold ended: done, nothing new.
    if (earlier.idempotency_key === HOLD_EXPIRED_KEY) return taken('already_accepted', earlier, state, rows);
    if (earlier.request_hash !== command.requestHash)
      return err({
        ...refusal('event_conflict', `A different ${command.event.type} event was already accepted for this order.`),
        order: orderView(state, rows),
      });
    return taken('already_accepted', earlier, state, rows);
  }
  if (decision.kind === 'reject') {
    if (!state) return err(refusal('order_not_found', `No order ${command.orderId}: its first event must be placed.`));
    const why =
      state.voidedBy === 'hold_expired'
        ? ' Its hold ended without billed, so the proxy voided it; do not charge it, or validate the cart again for a new order.'
        : '';
    return err({ ...refusal('invalid_transition', decision.reason + why), order: orderView(state, rows) });
  }
  // What was charged must be the order's total (payments.ts); placed's are checked with its checkout.
  if (command.event.type === 'billed' && state) {
    const unpaid = paymentsRefusal('billed', command.event.payments, orderTotal(state));
    if (unpaid) return err({ ...unpaid, order: orderView(state, rows) });
  }
  return null;
}
