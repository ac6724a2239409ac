// Every program type usable, in real Chromium against the fake proxy: Shop With Points takes
// part of its value within bounds and says what it uses; Points Banking shows each tier's
// cost and the way to the next; copies of a reward are one row with a count.

import { expect } from '@open-wc/testing';
import '../src/index';
import { reward } from './fake-proxy';
import { CART, mount, part, proxy, radios, ready, settled, text, until, useFakeProxy } from './widget-helpers';

useFakeProxy('Morgan');

const lastAmount = () =>
  (proxy.requests.filter((r) => r.path === '/v1/checkout').at(-1)?.body as { reward?: { amount?: number } } | undefined)
    ?.reward?.amount;

describe('Shop With Points', () => {
  beforeEach(() => {
    proxy.balance = {
      program: 'shop_with_points',
      units: 'points',
      balance: 2000,
      label: 'shop with points',
      threshold: null,
      rewards: [],
    };
    proxy.rewards = [
      reward('P_SWP', 'Shop With Points', { value: 20, points_reward: true, points: 2000, value_per_point: 0.01 }),
    ];
  });

  it('spends part of the balance as it is typed, says the points it uses, and keeps the amount within bounds', async () => {
    const el = await mount();
    const first = settled(el);
    el.cart = CART;
    await ready(el);
    await first;
    radios(el)[1]!.click();
    await until(() => lastAmount() === 20, 'the whole value was not checked');
    await el.updateComplete;
    expect(text(el)).to.contain('Uses 2,000 points');
    expect(text(el)).to.contain('Up to $20.00');
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=number]')!;
    field.value = '7.5';
    field.dispatchEvent(new Event('input'));
    await until(() => lastAmount() === 7.5, 'the typed amount was not checked');
    await el.updateComplete;
    expect(text(el)).to.contain('Uses 750 points');
    expect(el.shadowRoot!.querySelectorAll('[part~="reward-value"]')[1]?.textContent).to.equal('$7.50 off');
    // More than the balance is worth: brought back to the most it can be, and checked as such.
    field.value = '50';
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('change'));
    await until(() => lastAmount() === 20, 'the amount was not brought within bounds');
    await until(() => el.discount > 0, 'the bounded amount was not applied');
    expect(field.value).to.equal('20');
  });
});

describe('Points Banking', () => {
  it('shows each tier’s points cost and the way to the next tier', async () => {
    proxy.balance = {
      program: 'points_banking',
      units: 'points',
      balance: 250,
      label: 'points banking',
      threshold: null,
      rewards: [
        reward('', '$10 Off', { id: null, points: 100, quantity: 2, points_reward: true }),
        reward('', '$20 Off', { id: null, points: 200, quantity: 1, points_reward: true }),
        reward('', '$30 Off', { id: null, points: 300, quantity: 0, points_reward: true }),
      ],
    };
    proxy.rewards = [
      reward('P_PB100', '$10 Off', { value: 10, quantity: 2, points_reward: true, points: 100 }),
      reward('P_PB200', '$20 Off', { value: 20, quantity: 1, points_reward: true, points: 200 }),
    ];
    const el = await mount();
    await ready(el);
    expect(text(el)).to.contain('Uses 100 points');
    expect(text(el)).to.contain('Uses 200 points');
    expect(text(el)).to.contain('50 more points to your next reward');
    const progress = part(el, 'progress') as HTMLProgressElement;
    expect([progress.value, progress.max, progress.getAttribute('aria-label')]).to.deep.equal([250, 300, '$30 Off']);
    expect(text(el)).to.contain('×2');
    await expect(el).to.be.accessible();
  });
});

describe('copies of a reward', () => {
  it('listed apart by Spendgo are one row with their count', async () => {
    proxy.rewards = [
      reward('2234402', '$5 Off', { expires_on: '2027-03-01' }),
      reward('2234402', '$5 Off', { expires_on: '2027-01-15' }),
    ];
    const el = await mount();
    await ready(el);
    await until(() => radios(el).length === 2, 'copies were not grouped');
    expect(el.shadowRoot!.querySelectorAll('[part~="reward-value"]')[1]?.textContent).to.equal('$5.00 off\u00a0×2');
    expect(text(el)).to.contain('Expires Jan 15');
  });
});
