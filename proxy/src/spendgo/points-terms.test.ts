// Completing points rewards from the balance: by POS code, by label and value, by a lone label;
// nothing guessed when two balance entries could be the one.

import { describe, expect, it } from 'vitest';
import type { Reward } from '../../../shared/wire';
import { needsPointsTerms, withPointsTerms } from './points-terms';

const reward = (over: Partial<Reward>): Reward => ({
  id: null,
  kind: 'amount_off',
  offer: 'rebate',
  label: '',
  pos_code: null,
  value: null,
  quantity: 1,
  expires_on: null,
  points_reward: false,
  points: null,
  value_per_point: null,
  ...over,
});

describe('withPointsTerms', () => {
  const tiers = [
    reward({ label: '$10 Off', value: 10, points: 100, points_reward: true }),
    reward({ label: '$20 Off', value: 20, points: 200, points_reward: true }),
  ];

  it('gives each Points Banking tier its points by label and value', () => {
    const listed = [
      reward({ id: 'P_PB200', label: '$20 off', value: 20, points_reward: true }),
      reward({ id: 'P_PB100', label: '$10 Off', value: 10, points_reward: true }),
    ];
    expect(withPointsTerms(listed, tiers).map((r) => r.points)).toEqual([200, 100]);
  });

  it('gives Shop With Points its points and value per point by POS code, whatever its value now', () => {
    const swp = reward({ label: 'SWP', pos_code: 'SHOPWITHPOINTS', value: 20, points: 2000, value_per_point: 0.01 });
    const listed = [
      reward({ id: 'P_SWP', label: 'Shop With Points', pos_code: 'SHOPWITHPOINTS', value: 19.5, points_reward: true }),
    ];
    expect(withPointsTerms(listed, [swp])[0]).toMatchObject({ points: 2000, value_per_point: 0.01 });
  });

  it('leaves terms unknown when two entries could match, and leaves other rewards alone', () => {
    const twins = [
      reward({ label: 'Tier', value: 10, points: 100 }),
      reward({ label: 'Tier', value: 10, points: 150 }),
    ];
    const listed = [
      reward({ id: 'P_T', label: 'Tier', value: 10, points_reward: true }),
      reward({ id: '2234402', label: 'Tier' }),
    ];
    expect(withPointsTerms(listed, twins).map((r) => r.points)).toEqual([null, null]);
    expect(needsPointsTerms(listed)).toBe(true);
    expect(needsPointsTerms([listed[1]!])).toBe(false);
  });
});
