// The order lifecycle as the proxy enforces it before anything reaches Spendgo
// (docs/spendgo-api.md §5.5): placed → billed → completed, voided until completion, refunded only
// after completion (before it, the step is voided). Pure: no I/O, no clock. Every pair of state
// and event is decided here.

export const orderEventTypes = ['placed', 'billed', 'completed', 'voided', 'refunded'] as const;
export type OrderEventType = (typeof orderEventTypes)[number];
export type OrderStatus = 'new' | OrderEventType;

const NEXT: Record<OrderStatus, readonly OrderEventType[]> = {
  new: ['placed'],
  placed: ['billed', 'voided'],
  billed: ['completed', 'voided'],
  completed: ['refunded'],
  voided: [],
  refunded: [],
};

export type Transition =
  | { kind: 'apply'; next: OrderStatus }
  /** The event was already accepted for this order: answer with it, change nothing. */
  | { kind: 'repeat' }
  | { kind: 'reject'; reason: string };

/** `accepted` lists the event types this order has already accepted, in order. */
export function transition(
  status: OrderStatus,
  accepted: readonly OrderEventType[],
  event: OrderEventType,
): Transition {
  if (accepted.includes(event)) return { kind: 'repeat' };
  if (NEXT[status].includes(event)) return { kind: 'apply', next: event };
  const allowed = NEXT[status];
  const refundHint =
    event === 'refunded' && allowed.includes('voided')
      ? ' A refund comes after completion; before it, void the order.'
      : '';
  return {
    kind: 'reject',
    reason:
      (allowed.length
        ? `The order is ${status}; it can next be ${allowed.join(' or ')}.`
        : `The order is ${status}; no further events are accepted.`) + refundHint,
  };
}

export function allowedEvents(status: OrderStatus): readonly OrderEventType[] {
  return NEXT[status];
}
