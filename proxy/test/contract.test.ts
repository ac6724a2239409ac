// The proxy's order calls carry what Spendgo's API v2.1.1 requires, through the real sandbox
// (which now refuses what the documents forbid): the reward's discount at checkout, payments on
// every later call, refund only after completion, the merchant's own discounts in the
// top-level discount, and rewards with their POS codes.

import { beforeEach, describe, expect, it } from 'vitest';
import type { PlacedInput } from '../../merchant/client';
import type { Rewards } from '../../shared/wire';
import {
  cart,
  checkoutAs as checkout,
  inspectMember,
  memberFetch,
  merchant,
  orderOf,
  paidInFull,
  resetSandbox,
  setFaults,
  settle,
  signIn,
  upstreamCalls,
} from './helpers';

beforeEach(resetSandbox);

describe('checkout', () => {
  it("asks Spendgo with the reward's listed value as its discount (a strict Spendgo refuses a reward without one)", async () => {
    const result = await checkout(await signIn('1009029'), { ...cart, reward: { id: '2234402' } });
    expect(result).toMatchObject({ reward_applied: true, discount: 5 });
    const calls = (await upstreamCalls()).map((c) => `${c.method} ${c.path} ${c.status}`);
    expect(calls).toContain('GET /loyalty/accounts/1009029/rewards 200');
    expect(calls).toContain('POST /loyalty/accounts/1009029/orders 200');
  });

  it('a reward the member does not hold at this store is not applied, and the cart is still validated', async () => {
    const session = await signIn('1009033');
    const result = await checkout(session, { ...cart, reward: { id: '2234402' } });
    expect(result).toMatchObject({
      reward_applied: false,
      discount: 0,
      reason: 'reward_not_available',
      message: 'This reward is not available for this order at this store.',
    });
    await merchant.placed('NL-1', orderOf(result.checkout_id));
    expect((await settle('NL-1')).events[0]).toMatchObject({ state: 'delivered' });
  });
});

describe('the lifecycle calls', () => {
  it('carry payments to every step (billed’s replace placed’s) and the merchant’s own discounts in the total', async () => {
    const session = await signIn('1009029');
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    const placed = await merchant.placed(
      'PAY-1',
      orderOf(validated.checkout_id, cart, { discounts: [{ label: 'Staff', amount: 2 }], tax: 1.5 }),
    );
    // 21.50 − 5 (reward) − 2 (staff) + 1.50 tax
    expect(placed.order).toMatchObject({ discount: 5, merchant_discount: 2, total: 16 });
    await merchant.billed('PAY-1', { payments: [{ tender: 'debit', amount: 16 }] });
    await merchant.completed('PAY-1');
    await merchant.refunded('PAY-1');
    const view = await settle('PAY-1');
    expect(view.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // Points are earned after all discounts: floor(21.50 − 7) = 14, then reversed by the refund.
    const ledger = (await inspectMember('1009029')).ledger.filter((e) => e.order_id === 'PAY-1');
    expect(ledger.filter((e) => e.kind === 'earn').map((e) => e.units)).toEqual([14]);
    expect(ledger.filter((e) => e.kind === 'reverse').map((e) => e.units)).toEqual([-14]);
  });

  it('refunded before completion is refused with a pointer to voided, and nothing is sent', async () => {
    const session = await signIn('1009033');
    const validated = await checkout(session, cart);
    await merchant.placed('RB-1', orderOf(validated.checkout_id));
    await merchant.billed('RB-1', await paidInFull('RB-1'));
    const error = await merchant.refunded('RB-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'invalid_transition', order: { status: 'billed' } });
    expect((error as Error).message).toContain('void the order');
    await settle('RB-1');
    expect((await upstreamCalls()).filter((c) => c.detail === 'refunded RB-1')).toEqual([]);
  });

  it('placed and billed without payments are refused by the proxy before Spendgo sees them', async () => {
    const session = await signIn('1009033');
    const validated = await checkout(session, cart);
    const { payments: _, ...unpaid } = orderOf(validated.checkout_id);
    await expect(merchant.placed('NP-1', unpaid as PlacedInput)).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('rewards', () => {
  it("keep Spendgo's POS reference code and offer type", async () => {
    const res = await memberFetch(await signIn('1009029'), 'GET', '/v1/rewards?store=999999');
    const body = await res.json<Rewards>();
    const five = body.rewards.find((r) => r.id === '2234402');
    expect(five).toMatchObject({ kind: 'amount_off', offer: 'rebate', pos_code: '5OFF' });
  });
});

describe('Prefer: wait — the merchant learns Spendgo’s answer before charging', () => {
  const sandwiches = {
    ...cart,
    items: [{ label: 'Sandwich', unit_cost: 9, quantity: 2, categories: ['sandwich'] }],
    subtotal: 18,
  };

  it('answers 200 with the delivered event when Spendgo accepts in time', async () => {
    const validated = await checkout(await signIn('1009033'), cart);
    const result = await merchant.placed('W-1', orderOf(validated.checkout_id), { wait: 5 });
    expect(result.event).toMatchObject({ type: 'placed', state: 'delivered', spendgo: { status: 'placed' } });
  });

  it('answers 422 spendgo_refused with the reason when Spendgo refuses placed (the reward was used by another order)', async () => {
    const session = await signIn('1009029');
    const first = await checkout(session, { ...sandwiches, reward: { id: '2234420' } });
    const second = await checkout(session, { ...sandwiches, reward: { id: '2234420' } });
    await merchant.placed('W-2', orderOf(first.checkout_id, sandwiches), { wait: 5 });
    await merchant.billed('W-2', await paidInFull('W-2'), { wait: 5 });
    const refused = await merchant
      .placed('W-3', orderOf(second.checkout_id, sandwiches), { wait: 5 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      status: 422,
      code: 'spendgo_refused',
      order: { order_id: 'W-3', events: [{ state: 'dead_lettered' }] },
    });
    expect((refused as Error).message).toContain('Reward could not be applied');
  });

  it('answers 202 with the event still pending when delivery takes longer than the wait', async () => {
    const validated = await checkout(await signIn('1009033'), cart);
    await setFaults({ latency_ms: 2500 });
    const result = await merchant.placed('W-4', orderOf(validated.checkout_id), { wait: 1 });
    expect(result.event.state).toBe('pending');
    await setFaults({});
    expect((await settle('W-4')).events[0]?.state).toBe('delivered');
  });
});
