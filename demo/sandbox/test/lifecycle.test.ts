// The order lifecycle against the certification checklist (docs/spendgo-api.md §5.5, A7–A9, A15,
// A17–A19), checked through the member's balance, reward copies and ledger.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  availableCopies,
  call,
  COOKIE,
  inspect,
  json,
  orderBody,
  postOrder,
  resetSandbox,
  SALAD,
  SANDWICH,
  type Line,
  type OrderInput,
} from './helpers';

beforeEach(resetSandbox);

interface Transaction {
  id?: string;
  status: string;
  discount?: number;
  message?: string;
}

async function step(member: string, input: OrderInput): Promise<Transaction> {
  const res = await postOrder(member, input);
  const body = await json<{ transaction: Transaction }>(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.transaction;
}

/** checkout → placed → billed → completed with the validated discount; returns billed's transaction id. */
async function fullOrder(member: string, id: string, lines: Line[], reward?: { id: string; discount?: number }) {
  const checkout = await step(member, { status: 'checkout', lines, ...(reward && { reward }) });
  const applied = reward ? { id: reward.id, discount: checkout.discount ?? 0 } : undefined;
  const common = { id, lines, ...(applied && { reward: applied }) };
  await step(member, { status: 'placed', ...common });
  const billed = await step(member, { status: 'billed', ...common });
  await step(member, { status: 'completed', ...common });
  return { checkout, billed, common };
}

const bigSalad: Line = { ...SALAD, cost: 21.5 };

describe('certification scenarios', () => {
  it('an order without a reward earns 1 point per dollar, rounded down', async () => {
    const lines: Line[] = [{ label: 'Wrap', cost: 23.75 }];
    await fullOrder('1009033', 'A-1', lines);
    const member = await inspect('1009033');
    expect(member.member.balance).toBe(23);
    expect(member.ledger).toEqual([expect.objectContaining({ kind: 'earn', units: 23 })]);
  });

  it('a reward order consumes the reward at billed and earns on the discounted subtotal at completed', async () => {
    const lines = [bigSalad];
    const checkout = await step('1009029', { status: 'checkout', lines, reward: { id: '2234402', discount: 5 } });
    expect(checkout).toEqual({ status: 'checkout', discount: 5 });
    await step('1009029', { status: 'placed', id: 'B-1', lines, reward: { id: '2234402', discount: 5 } });
    expect(availableCopies(await inspect('1009029'), '2234402')).toBe(2);
    const billed = await step('1009029', {
      status: 'billed',
      id: 'B-1',
      lines,
      reward: { id: '2234402', discount: 5 },
    });
    expect(billed).toMatchObject({ id: expect.stringMatching(/^\d+$/), status: 'billed', discount: 5 });
    expect(availableCopies(await inspect('1009029'), '2234402')).toBe(1);
    const completed = await step('1009029', {
      status: 'completed',
      id: 'B-1',
      lines,
      reward: { id: '2234402', discount: 5 },
    });
    expect(completed.id).toBe(billed.id);
    // 40 + floor(21.50 - 5) = 56 ≥ 50: a new $5 Off is issued and 50 points spent on it.
    const after = await inspect('1009029');
    expect(after.member.balance).toBe(6);
    expect(availableCopies(after, '2234402')).toBe(2);
    expect(after.ledger.map((e) => [e.kind, e.units])).toEqual([
      ['redeem', 0],
      ['earn', 16],
      ['issue', -50],
    ]);
  });

  it('an invalid reward gives a message at checkout and 400/400 at placed', async () => {
    const lines = [SALAD];
    const checkout = await step('1009029', { status: 'checkout', lines, reward: { id: 'A18', discount: 2.5 } });
    expect(checkout).toEqual({
      status: 'checkout',
      discount: 0,
      message: 'Add a cookie to your order to use Free Cookie.',
    });
    const placed = await postOrder('1009029', {
      status: 'placed',
      id: 'C-1',
      lines,
      reward: { id: 'A18', discount: 2.5 },
    });
    expect(placed.status).toBe(400);
    expect(await json(placed)).toMatchObject({
      code: 400,
      status: 'placed',
      details: expect.stringContaining('Add a cookie'),
    });
    expect((await inspect('1009029')).orders).toEqual([]);
  });

  it('Shop With Points: full balance', async () => {
    await fullOrder('1009032', 'S-1', [{ label: 'Dinner', cost: 30 }], { id: 'P_SWP', discount: 20 });
    const member = await inspect('1009032');
    // 2000 - 2000 spent + floor(30 - 20) earned
    expect(member.member.balance).toBe(10);
  });

  it('Shop With Points: part of the balance, then lower again after checkout', async () => {
    const lines = [{ label: 'Dinner', cost: 30 }];
    const checkout = await step('1009032', { status: 'checkout', lines, reward: { id: 'P_SWP', discount: 7.5 } });
    expect(checkout.discount).toBe(7.5);
    const reward = { id: 'P_SWP', discount: 5 };
    await step('1009032', { status: 'placed', id: 'S-2', lines, reward });
    await step('1009032', { status: 'billed', id: 'S-2', lines, reward });
    expect((await inspect('1009032')).member.balance).toBe(1500);
  });

  it('Shop With Points: a discount above the balance is refused at checkout', async () => {
    const checkout = await step('1009032', {
      status: 'checkout',
      lines: [{ label: 'Feast', cost: 60 }],
      reward: { id: 'P_SWP', discount: 25 },
    });
    expect(checkout).toEqual({
      status: 'checkout',
      discount: 0,
      message: 'Your points are worth $20.00; choose a smaller amount.',
    });
  });

  it('Points Banking: the tier costs its points at billed and they come back on void', async () => {
    const lines = [{ label: 'Dinner', cost: 30 }];
    const reward = { id: 'P_PB200', discount: 20 };
    await step('1009031', { status: 'placed', id: 'P-1', lines, reward });
    await step('1009031', { status: 'billed', id: 'P-1', lines, reward });
    expect((await inspect('1009031')).member.balance).toBe(50);
    await step('1009031', { status: 'voided', id: 'P-1', lines });
    expect((await inspect('1009031')).member.balance).toBe(250);
  });

  it('void before completion returns the reward and earns nothing', async () => {
    const lines = [bigSalad];
    const reward = { id: '2234402', discount: 5 };
    await step('1009029', { status: 'placed', id: 'V-1', lines, reward });
    await step('1009029', { status: 'billed', id: 'V-1', lines, reward });
    const voided = await step('1009029', { status: 'voided', id: 'V-1', lines });
    expect(voided.status).toBe('voided');
    const member = await inspect('1009029');
    expect(availableCopies(member, '2234402')).toBe(2);
    expect(member.member.balance).toBe(40);
    const completed = await postOrder('1009029', { status: 'completed', id: 'V-1', lines });
    expect(completed.status).toBe(400);
    expect(await json(completed)).toMatchObject({ code: 2000, status: 'completed' });
  });

  it('refund after completion returns the reward, removes the points and revokes what they bought', async () => {
    const { billed } = await fullOrder('1009029', 'R-1', [bigSalad], { id: '2234402', discount: 5 });
    await step('1009029', { status: 'refunded', transaction: billed.id!, lines: [bigSalad] });
    const member = await inspect('1009029');
    expect(member.member.balance).toBe(40);
    expect(availableCopies(member, '2234402')).toBe(2);
    expect(member.copies.filter((c) => c.state === 'revoked')).toHaveLength(1);
    expect(member.orders).toEqual([expect.objectContaining({ orderId: 'R-1', status: 'refunded' })]);
  });
});

describe('order rules', () => {
  it('replays an identical request from the record without applying it twice', async () => {
    const lines = [bigSalad];
    const reward = { id: '2234402', discount: 5 };
    await step('1009029', { status: 'placed', id: 'D-1', lines, reward });
    const first = await step('1009029', { status: 'billed', id: 'D-1', lines, reward });
    const second = await step('1009029', { status: 'billed', id: 'D-1', lines, reward });
    expect(second).toEqual(first);
    expect(availableCopies(await inspect('1009029'), '2234402')).toBe(1);
  });

  it('refuses the same status with a different body with 409', async () => {
    await step('1009033', { status: 'placed', id: 'D-2', lines: [SALAD] });
    const res = await postOrder('1009033', { status: 'placed', id: 'D-2', lines: [SALAD, COOKIE] });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ code: 409 });
  });

  it.each([
    ['billed before placed', [], 'billed'],
    ['completed before billed', ['placed'], 'completed'],
    ['refunded before billed', ['placed'], 'refunded'],
    ['billed after voided', ['placed', 'voided'], 'billed'],
    ['refunded after voided', ['placed', 'billed', 'voided'], 'refunded'],
    ['refunded right after billed (refund comes after completion; void before it)', ['placed', 'billed'], 'refunded'],
    ['voided after completed', ['placed', 'billed', 'completed'], 'voided'],
  ])('rejects %s as out of order', async (_, before, status) => {
    const lines = [SALAD];
    for (const s of before) await step('1009033', { status: s, id: 'O-1', lines });
    const res = await postOrder('1009033', { status, id: 'O-1', lines: [SALAD, COOKIE] });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000, status });
  });

  it('allows one reward per order', async () => {
    const checkout = await step('1009029', {
      status: 'checkout',
      lines: [bigSalad, COOKIE],
      rewards: [
        { id: '2234402', discount: 5 },
        { id: 'A18', discount: 2.5 },
      ],
    });
    expect(checkout).toEqual({
      status: 'checkout',
      discount: 0,
      message: 'Only one reward can be redeemed per order.',
    });
  });

  it('refuses a discount above the validated one at placed', async () => {
    const res = await postOrder('1009029', {
      status: 'placed',
      id: 'H-1',
      lines: [bigSalad],
      reward: { id: '2234402', discount: 6 },
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 400, details: expect.stringContaining('validated $5.00') });
  });

  it('refuses billing a reward another order already consumed', async () => {
    const lines = [SANDWICH, SANDWICH];
    const reward = { id: '2234420', discount: 9 };
    await step('1009029', { status: 'placed', id: 'Q-1', lines, reward });
    await step('1009029', { status: 'placed', id: 'Q-2', lines, reward });
    await step('1009029', { status: 'billed', id: 'Q-1', lines, reward });
    const res = await postOrder('1009029', { status: 'billed', id: 'Q-2', lines, reward });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      code: 400,
      status: 'billed',
      message: expect.stringContaining('Reward could not be applied'),
    });
  });

  it('guests go through the lifecycle without rewards or points', async () => {
    const lines = [SALAD];
    expect(await step('guest', { status: 'checkout', lines })).toEqual({ status: 'checkout', discount: 0 });
    const withReward = await step('guest', { status: 'checkout', lines, reward: { id: '2234402', discount: 5 } });
    expect(withReward.message).toBe('Sign in to your loyalty account to use rewards.');
    const refused = await postOrder('guest', {
      status: 'placed',
      id: 'G-1',
      lines,
      reward: { id: '2234402', discount: 5 },
    });
    expect(refused.status).toBe(400);
    await step('guest', { status: 'placed', id: 'G-1', lines });
    const billed = await step('guest', { status: 'billed', id: 'G-1', lines });
    expect(billed.id).toMatch(/^\d+$/);
    await step('guest', { status: 'completed', id: 'G-1', lines });
    await step('guest', { status: 'refunded', id: 'G-1', transaction: billed.id!, lines });
  });

  it('refuses a transaction id that belongs to another order', async () => {
    const { billed } = await fullOrder('1009033', 'T-1', [SALAD]);
    await fullOrder('1009033', 'T-2', [SALAD]);
    const res = await postOrder('1009033', { status: 'refunded', id: 'T-2', transaction: billed.id!, lines: [SALAD] });
    expect(res.status).toBe(400);
    expect((await inspect('1009033')).orders.map((o) => o.status)).toEqual(['completed', 'completed']);
  });

  it("refuses another brand's order as a bad request (400/2000), not as a credentials problem", async () => {
    const res = await call('POST', '/loyalty/accounts/1009029/orders', {
      ...orderBody({ status: 'checkout', lines: [SALAD] }),
      brand: '1',
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000 });
  });

  it('takes `placed` and `wanted` only as documented, YYYY-MM-DDTHH:MM:SSZ', async () => {
    const body = orderBody({ status: 'checkout', lines: [SALAD] });
    for (const when of ['2026-12-24T19:30:00+01:00', '2026-12-24 19:30', '2026-12-24T19:30:00.000Z', 'tomorrow'])
      for (const field of ['placed', 'wanted']) {
        const res = await call('POST', '/loyalty/accounts/1009029/orders', { ...body, [field]: when });
        expect(res.status, `${field} ${when}`).toBe(400);
      }
    const ok = await call('POST', '/loyalty/accounts/1009029/orders', {
      ...body,
      placed: '2026-12-20T10:00:00Z',
      wanted: '2026-12-24T18:30:00Z',
      type: 'catering',
    });
    expect(ok.status).toBe(200);
  });

  it('refuses an unknown store (vendor) with 400/4002', async () => {
    const res = await postOrder('1009029', { status: 'checkout', lines: [SALAD], vendor: '55' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 4002 });
  });
});
