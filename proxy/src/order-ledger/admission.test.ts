// The admission rules of an order event, on stored rows: a retry under its key is answered as
// before, a reused key or a conflicting repeat is refused, a forbidden step is refused with the
// order, and anything else goes ahead.

import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../shared/wire';
import { admit, type AcceptCommand } from './admission';
import type { OrderEventType } from './machine';
import type { EventRow, OrderState } from './records';

const state = (status: OrderState['status']): OrderState => ({
  clientId: 'shop-a',
  orderId: 'A-1',
  checkoutId: `ck_${'a'.repeat(64)}`,
  account: 'default',
  memberId: '1009029',
  store: '999999',
  rewardId: null,
  rewardCopies: 1,
  validatedDiscount: 0,
  discount: 0,
  merchantDiscount: 0,
  cart: { store: '999999', source: 'web', items: [{ label: 'Latte', unit_cost: 4, quantity: 1 }], subtotal: 4 },
  payments: [{ tender: 'credit', amount: 4 }],
  rendition: null,
  wanted: null,
  orderType: null,
  status,
  transactionId: null,
  holdUntil: null,
  rewardHeld: false,
  voidedBy: null,
  audit: [],
});

const row = (seq: number, type: OrderEventType, key: string, hash: string): EventRow => ({
  seq,
  type,
  idempotency_key: key,
  request_hash: hash,
  state: 'pending',
  attempts: 0,
  accepted_at: 1_800_000_000_000,
  next_attempt_at: 1_800_000_000_000,
  delivered_at: null,
  last_error: null,
  detail: '{}',
  response: null,
  refused: 0,
});

const command = (event: OrderEvent, key: string, hash: string): AcceptCommand => ({
  clientId: 'shop-a',
  account: 'default',
  orderId: 'A-1',
  idempotencyKey: key,
  requestHash: hash,
  event,
  holdWindows: { holdSeconds: 7 * 24 * 3600, afterWantedSeconds: 7200 },
});

const completed: OrderEvent = { type: 'completed' };
const billed = (amount: number): OrderEvent => ({ type: 'billed', payments: [{ tender: 'credit', amount }] });
const placedRows = [row(1, 'placed', 'k1', 'h1')];

describe('admit', () => {
  it('goes ahead with a step the state machine allows, under a new key', () => {
    expect(admit(command(billed(4), 'k2', 'h2'), state('placed'), placedRows)).toBeNull();
  });

  it('answers a retry under its key with the event already taken, changing nothing', () => {
    const rows = [...placedRows, row(2, 'billed', 'k2', 'h2')];
    const outcome = admit(command(billed(4), 'k2', 'h2'), state('billed'), rows);
    expect(outcome).toMatchObject({ ok: true, value: { kind: 'accepted', result: { event: { seq: 2 } } } });
  });

  it('refuses a key reused for another request, even for another step', () => {
    const rows = [...placedRows, row(2, 'billed', 'k2', 'h2')];
    expect(admit(command(completed, 'k2', 'h3'), state('billed'), rows)).toMatchObject({
      ok: false,
      error: { code: 'idempotency_key_reused' },
    });
  });

  it('answers the same step and body under another key as already accepted', () => {
    const rows = [...placedRows, row(2, 'billed', 'k2', 'h2')];
    expect(admit(command(billed(4), 'k9', 'h2'), state('billed'), rows)).toMatchObject({
      ok: true,
      value: { kind: 'already_accepted', result: { event: { seq: 2 } } },
    });
  });

  it('refuses the same step with another body, with the order as it stands', () => {
    const rows = [...placedRows, row(2, 'billed', 'k2', 'h2')];
    expect(admit(command(billed(5), 'k9', 'h9'), state('billed'), rows)).toMatchObject({
      ok: false,
      error: { code: 'event_conflict', order: { status: 'billed' } },
    });
  });

  it('refuses a forbidden step with the order, and any first step but placed as no order', () => {
    expect(admit(command({ type: 'refunded' }, 'k2', 'h2'), state('placed'), placedRows)).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', order: { status: 'placed' } },
    });
    expect(admit(command(completed, 'k1', 'h1'), null, [])).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    });
  });
});
