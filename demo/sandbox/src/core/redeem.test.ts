import { describe, expect, it } from 'vitest';
import type { Member, RewardCopy } from './model';
import { appliedDiscountProblem, redeem, type RedemptionInput } from './redeem';
import type { PosEntry } from './wire';

const member = (program: Member['program'], balance = 0): Member => ({
  id: 'm1',
  phone: '4155550100',
  email: 'm@example.com',
  firstName: 'M',
  lastName: 'One',
  brand: '33559',
  program,
  balance,
  registered: true,
});
const copy = (rewardId: string): RewardCopy => ({
  id: 1,
  memberId: 'm1',
  rewardId,
  expiresOn: null,
  state: 'available',
});
const line = (cost: number, quantity = 1, extra: Partial<PosEntry['posItem']> = {}): PosEntry => ({
  posItem: { label: 'Item', cost, ...extra },
  quantity,
});
const cookie = (q = 1) => line(2.5, q, { product: 'COOKIE' });
const sandwich = (cost: number, q = 1) => line(cost, q, { categories: 'sandwich' });

function input(overrides: Partial<RedemptionInput>): RedemptionInput {
  const entries = overrides.entries ?? [line(20)];
  const subtotal = entries.reduce((s, e) => s + e.posItem.cost * e.quantity, 0);
  return {
    rewardId: '2234402',
    requested: undefined,
    member: member('points'),
    copies: [],
    store: '999999',
    subtotal,
    entries,
    ...overrides,
  };
}

describe('redeem', () => {
  it.each<[string, Partial<RedemptionInput>, ReturnType<typeof redeem>]>([
    ['$5 off a $20 order', { copies: [copy('2234402')] }, { ok: true, discount: 5 }],
    ['$5 off needs the member to hold it', {}, { ok: false, message: 'This reward is not available on your account.' }],
    [
      '$5 off under the $10 minimum',
      { copies: [copy('2234402')], entries: [line(9.99)] },
      { ok: false, message: 'Spend at least $10.00 to use $5 Off.' },
    ],
    ['$5 off exactly at the minimum', { copies: [copy('2234402')], entries: [line(10)] }, { ok: true, discount: 5 }],
    ['20% off $40', { rewardId: '2234410', copies: [copy('2234410')], entries: [line(40)] }, { ok: true, discount: 8 }],
    [
      '20% off is capped at $15',
      { rewardId: '2234410', copies: [copy('2234410')], entries: [line(100)] },
      { ok: true, discount: 15 },
    ],
    [
      '20% off is not offered at the airport kiosk',
      { rewardId: '2234410', copies: [copy('2234410')], store: '100002', entries: [line(40)] },
      { ok: false, message: "20% Off Your Order can't be used at Spendgo Airport Kiosk." },
    ],
    [
      'free cookie with a cookie',
      { rewardId: 'A18', copies: [copy('A18')], entries: [line(20), cookie(2)] },
      { ok: true, discount: 2.5 },
    ],
    [
      'free cookie without one',
      { rewardId: 'A18', copies: [copy('A18')], entries: [line(20)] },
      { ok: false, message: 'Add a cookie to your order to use Free Cookie.' },
    ],
    [
      'BOGO frees the cheaper sandwich',
      { rewardId: '2234420', copies: [copy('2234420')], entries: [sandwich(9), sandwich(7.5)] },
      { ok: true, discount: 7.5 },
    ],
    [
      'BOGO counts quantities',
      { rewardId: '2234420', copies: [copy('2234420')], entries: [sandwich(9, 2)] },
      { ok: true, discount: 9 },
    ],
    [
      'BOGO with one sandwich',
      { rewardId: '2234420', copies: [copy('2234420')], entries: [sandwich(9)] },
      { ok: false, message: 'Add 2 sandwiches to your order to use Buy One Sandwich, Get One Free.' },
    ],
    [
      'modifiers count in an item price',
      {
        rewardId: 'A18',
        copies: [copy('A18')],
        entries: [
          line(10),
          line(2.5, 1, { product: 'COOKIE', modifiers: [{ label: 'Warm', cost: 0.5, quantity: 1 }] }),
        ],
      },
      { ok: true, discount: 3 },
    ],
    [
      'a discount never exceeds the subtotal',
      { rewardId: '2234402', copies: [copy('2234402')], subtotal: 10, entries: [line(10)] },
      { ok: true, discount: 5 },
    ],
    [
      'guests cannot redeem',
      { member: null },
      { ok: false, message: 'Sign in to your loyalty account to use rewards.' },
    ],
    [
      'points banking tier within balance',
      { rewardId: 'P_PB200', member: member('points_banking', 250), entries: [line(30)] },
      { ok: true, discount: 20 },
    ],
    [
      'points banking tier above balance',
      { rewardId: 'P_PB300', member: member('points_banking', 250), entries: [line(40)] },
      { ok: false, message: 'You need 50 more points for $30 Off.' },
    ],
    [
      'points banking tier capped by subtotal',
      { rewardId: 'P_PB100', member: member('points_banking', 250), entries: [line(6)] },
      { ok: true, discount: 6 },
    ],
    [
      'shop with points, whole balance',
      { rewardId: 'P_SWP', member: member('shop_with_points', 2000), entries: [line(30)] },
      { ok: true, discount: 20 },
    ],
    [
      'shop with points, part',
      { rewardId: 'P_SWP', requested: 7.5, member: member('shop_with_points', 2000), entries: [line(30)] },
      { ok: true, discount: 7.5 },
    ],
    [
      'shop with points over the balance',
      { rewardId: 'P_SWP', requested: 20.01, member: member('shop_with_points', 2000), entries: [line(30)] },
      { ok: false, message: 'Your points are worth $20.00; choose a smaller amount.' },
    ],
    [
      'a P_ reward of another program',
      { rewardId: 'P_SWP', member: member('points_banking', 900) },
      { ok: false, message: 'This reward is not available on your account.' },
    ],
  ])('%s', (_, overrides, expected) => {
    expect(redeem(input(overrides))).toEqual(expected);
  });
});

describe('appliedDiscountProblem (A8)', () => {
  it.each<[string, string, number | undefined, number, boolean]>([
    ['equal for a normal reward', '2234402', 5, 5, true],
    ['within half a cent', '2234402', 5.004, 5, true],
    ['lower is refused for a normal reward', '2234402', 4, 5, false],
    ['higher is refused', '2234402', 6, 5, false],
    ['missing is refused', '2234402', undefined, 5, false],
    ['P_ may go lower', 'P_SWP', 3, 5, true],
    ['P_ may not go higher', 'P_SWP', 5.01, 5, false],
    ['P_ may not be zero', 'P_PB100', 0, 10, false],
  ])('%s', (_, rewardId, applied, validated, allowed) => {
    expect(appliedDiscountProblem(rewardId, applied, validated) === null).toBe(allowed);
  });
});
