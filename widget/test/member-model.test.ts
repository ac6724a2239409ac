import { expect } from '@open-wc/testing';
import { clampAmount, groupRewards, nextTier, percentIn, pointsFor } from '../src/member-model';
import { reward } from './fake-proxy';

describe('member-model', () => {
  it('groups copies by id, summing quantities and keeping the soonest expiry; rewards without id stay apart', () => {
    const rows = groupRewards([
      reward('A', 'A', { quantity: 1, expires_on: '2027-03-01' }),
      reward('B', 'B'),
      reward('A', 'A', { quantity: 2, expires_on: '2027-01-15' }),
      reward('', 'N', { id: null }),
      reward('', 'N', { id: null }),
    ]);
    expect(rows.map((r) => [r.id, r.quantity, r.expires_on])).to.deep.equal([
      ['A', 3, '2027-01-15'],
      ['B', 1, null],
      [null, 1, null],
      [null, 1, null],
    ]);
  });

  it('finds the cheapest Points Banking tier out of reach, and none for other programs', () => {
    const tiers = [300, 200, 500].map((points) => reward('', `${points}`, { id: null, points }));
    const balance = {
      program: 'points_banking',
      units: 'points',
      balance: 250,
      label: '',
      threshold: null,
      rewards: tiers,
    } as const;
    expect(nextTier({ ...balance, rewards: [...tiers] })).to.deep.equal({ points: 300, label: '300', remaining: 50 });
    expect(nextTier({ ...balance, rewards: [...tiers], balance: 600 })).to.equal(null);
    expect(nextTier({ ...balance, rewards: [...tiers], program: 'points' })).to.equal(null);
  });

  it('counts the points an amount uses, rounding up, and keeps amounts to cents within bounds', () => {
    expect(pointsFor(7.5, 0.01)).to.equal(750);
    expect(pointsFor(0.07, 0.01)).to.equal(7); // not 8 from 0.07 / 0.01 = 7.000000000000001
    expect(pointsFor(1.005, 0.01)).to.equal(101);
    expect([clampAmount(50, 20), clampAmount(0, 20), clampAmount(7.499, 20), clampAmount(NaN, 20)]).to.deep.equal([
      20, 0.01, 7.5, 20,
    ]);
  });

  it('reads the percentage a percent-off label names, and none when it names none or several', () => {
    expect(percentIn('20% Off Your Order')).to.equal(0.2);
    expect(percentIn('12,5 % de descuento')).to.equal(0.125);
    expect(percentIn('Half off')).to.equal(null);
    expect(percentIn('10% off, 20% on Tuesdays')).to.equal(null);
    expect(percentIn('150% bonus')).to.equal(null);
  });
});
