import { describe, expect, it } from 'vitest';
import { parseBalance, parseRewards, parseTransaction } from './wire';

describe('reward fields the POS needs', () => {
  it("keeps the POS reference code (certification: the correct reward POS codes) and Spendgo's offer type", () => {
    const [reward] = parseRewards({
      rewards: [
        { id: '2234402', offer: 'rebate', label: '$5 Off', reference: { type: 'promo', code: '5OFF' }, quantity: 1 },
      ],
    })!;
    expect(reward).toMatchObject({ kind: 'amount_off', offer: 'rebate', pos_code: '5OFF' });
  });

  it('shows an offer type it does not know as other, with the original type, never as dollars off', () => {
    const [reward] = parseRewards({ rewards: [{ id: 'X1', offer: 'BonusPoints', label: '2× points', quantity: 1 }] })!;
    expect(reward).toMatchObject({ kind: 'other', offer: 'bonuspoints', pos_code: null });
  });
});

describe('parseBalance', () => {
  it('reads capitalised keys, string numbers and capitalised offers (A10)', () => {
    const balance = parseBalance({
      Quantity: '50.0',
      Units: 'Points',
      Spend_Threshold: 100,
      Label: '$10 Off',
      Rewards: [{ Offer: 'Rebate', Label: '$10 Off', Value: '10.0', Quantity: 1.0, Next_Expires_On: '2026-12-31' }],
    });
    expect(balance).toEqual({
      program: 'points',
      units: 'points',
      balance: 50,
      label: '$10 Off',
      threshold: 100,
      rewards: [
        {
          id: null,
          kind: 'amount_off',
          offer: 'rebate',
          label: '$10 Off',
          pos_code: null,
          value: 10,
          quantity: 1,
          expires_on: '2026-12-31',
          points_reward: false,
          points: null,
          value_per_point: null,
        },
      ],
    });
  });

  it.each([
    [{ quantity: 6, units: 'visits', spend_threshold: 8, label: 'Free Coffee', rewards: [] }, 'visits'],
    [
      {
        quantity: 2000,
        units: 'points',
        label: 'points banking',
        rewards: [{ offer: 'Rebate', label: '$10', value: 10, points: 1000, quantity: 2 }],
      },
      'points_banking',
    ],
    [
      {
        quantity: 2000,
        units: 'points',
        label: 'shop with points',
        rewards: [{ offer: 'Rebate', label: 'SWP', value: 20, points: 2000, value_per_point: 0.01, quantity: 1 }],
      },
      'shop_with_points',
    ],
    [{ quantity: 0, spend_threshold: 50, units: 'points', label: '$5 Off', rewards: [] }, 'points'],
  ])('recognises the program of %j', (body, program) => {
    expect(parseBalance(body)?.program).toBe(program);
  });

  it('refuses a body without a balance', () => {
    expect(parseBalance({ units: 'points' })).toBeNull();
    expect(parseBalance('nope')).toBeNull();
  });
});

describe('parseRewards', () => {
  it('normalises kinds, marks P_ rewards, drops empty and id-less rewards', () => {
    const rewards = parseRewards({
      rewards: [
        { id: 2234402, offer: 'rebate', label: '$5 Off', value: 5, quantity: 2 },
        { id: 'A18', offer: 'GIFT', label: 'Free Cookie', quantity: 1 },
        { id: '2234410', offer: 'Discount', label: '20% Off', quantity: 1 },
        { id: 'P_SWP', offer: 'rebate', label: 'Shop With Points', value: 20, quantity: 1 },
        { id: 'gone', offer: 'rebate', label: 'Used up', quantity: 0 },
        { offer: 'rebate', label: 'No id', quantity: 1 },
      ],
    });
    expect(rewards?.map((r) => [r.id, r.kind, r.points_reward])).toEqual([
      ['2234402', 'amount_off', false],
      ['A18', 'free_item', false],
      ['2234410', 'percent_off', false],
      ['P_SWP', 'amount_off', true],
    ]);
  });
});

describe('parseTransaction', () => {
  it('reads the checkout answer with and without a message', () => {
    expect(parseTransaction({ transaction: { status: 'checkout', discount: 0 } })).toEqual({
      id: null,
      status: 'checkout',
      discount: 0,
      message: null,
    });
    expect(parseTransaction({ Transaction: { Id: 5961839, Status: 'billed', Discount: '5.00', Message: '' } })).toEqual(
      {
        id: '5961839',
        status: 'billed',
        discount: 5,
        message: null,
      },
    );
  });
});
