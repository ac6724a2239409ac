// The templates as functions of a view: what a shopper sees for a given state, rendered alone.
import { expect } from '@open-wc/testing';
import type { CheckoutRefusalReason } from '../../../shared/wire';
import { render } from 'lit';
import { reward } from '../../test/fake-proxy';
import { inLocale, loadLocale } from '../i18n';
import type { Handlers, View } from '../state';
import { rewardList } from './rewards';
import { checkoutStatus } from './checkout-status';
import { signedOut } from './states';

const view = (over: Partial<View> = {}): View => ({
  locale: 'en',
  currency: 'USD',
  testMode: false,
  phase: 'ready',
  allowGuest: false,
  givenName: 'Jordan',
  balance: null,
  rewards: [],
  fetchedAt: null,
  selectedId: null,
  amount: null,
  checkout: { status: 'idle', discount: 0, reason: null, message: null },
  error: null,
  signInProblem: null,
  join: null,
  now: 0,
  ...over,
});

const calls: string[] = [];
const on: Handlers = {
  signIn: () => calls.push('signIn'),
  signOut: () => calls.push('signOut'),
  retry: () => calls.push('retry'),
  select: (r) => calls.push(`select:${r?.id ?? 'none'}`),
  amount: (v) => calls.push(`amount:${String(v)}`),
  join: () => calls.push('join'),
};

function shown(template: unknown): HTMLElement {
  const root = document.body.appendChild(document.createElement('div'));
  render(template, root);
  return root;
}

describe('templates', () => {
  beforeEach(() => {
    calls.length = 0;
  });
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('lists copies of a reward once with their count, the label isolated, the choice controlled', () => {
    const five = reward('9', '$5 Off', { value: 5 });
    const root = shown(rewardList(view({ rewards: [five, five], selectedId: '9' }), on));
    const rows = root.querySelectorAll('[part~="reward"]'); // Spendgo lists each copy apart (same id)
    expect(rows).to.have.length(2); // "No reward" and one row for both copies
    expect(rows[1]!.querySelector('bdi')!.textContent).to.equal('$5 Off');
    expect(rows[1]!.querySelector('[part="reward-value"]')!.textContent).to.equal('$5.00 off\u00a0×2');
    expect(rows[1]!.querySelector<HTMLInputElement>('input')!.checked).to.equal(true);
    rows[0]!.querySelector('input')!.click();
    expect(calls).to.deep.equal(['select:none']);
  });

  it('shows copies held for placed orders apart, with the order’s day, and never as a choice', () => {
    const placedAt = '2026-12-03T15:00:00.000Z';
    const hold = { placed_at: placedAt, until: '2026-12-10T15:00:00.000Z' };
    const five = reward('9', '$5 Off', { value: 5, quantity: 2, held: [hold] });
    const twenty = reward('7', '20% Off', { kind: 'percent_off', held: [hold] });
    const root = shown(rewardList(view({ rewards: [five, twenty], selectedId: '7' }), on));
    const rows = [...root.querySelectorAll('[part~="reward"]')];
    // No reward; $5 Off with its one free copy; its held copy; 20% Off held (its only copy).
    expect(rows.map((r) => r.getAttribute('part'))).to.deep.equal([
      'reward',
      'reward',
      'reward reward-held',
      'reward reward-held',
    ]);
    expect(rows[1]!.querySelector('[part="reward-value"]')!.textContent).to.equal('$5.00 off');
    const day = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date(placedAt));
    for (const row of rows.slice(2)) {
      const radio = row.querySelector<HTMLInputElement>('input')!;
      expect([radio.disabled, radio.checked]).to.deep.equal([true, false]);
      expect(row.querySelector('[part="reward-detail"]')!.textContent).to.equal(`Held for your order of ${day}`);
    }
  });

  it('writes values as a shopper reads them: the percentage off, a free item with its worth', () => {
    const rows = [
      reward('1', '20% Off Your Order', { kind: 'percent_off', offer: 'discount' }),
      reward('2', 'Free Cookie', { kind: 'free_item', offer: 'gift', value: 2.5 }),
    ];
    const text = (root: HTMLElement, part: string) =>
      [...root.querySelectorAll(`[part~="${part}"]`)].map((e) => e.textContent.trim());
    const en = shown(rewardList(view({ rewards: rows }), on));
    expect(text(en, 'reward-value')).to.deep.equal(['', '20% off', 'Free']);
    expect(text(en, 'reward-detail')).to.deep.equal(['Worth $2.50']);
  });

  it('gives Shop With Points an amount field within its bounds', () => {
    const swp = reward('P_SWP', 'Shop With Points', {
      points_reward: true,
      value: 20,
      points: 2000,
      value_per_point: 0.01,
    });
    const root = shown(rewardList(view({ rewards: [swp], selectedId: 'P_SWP', amount: 5 }), on));
    const field = root.querySelector<HTMLInputElement>('input[type=number]')!;
    expect([field.min, field.max, field.value]).to.deep.equal(['0.01', '20', '5']);
    expect(root.querySelector('[part="reward-detail"]')!.textContent).to.equal('Uses 500 points');
  });

  it('words the status line: Spendgo’s English reason marked as English in another language', () => {
    const refused = view({
      locale: 'es',
      checkout: { status: 'not-applied', discount: 0, reason: 'reward_not_applied', message: 'Add a cookie.' },
    });
    const root = shown(inLocale('es', () => checkoutStatus(refused, on)));
    expect(root.querySelector('[lang="en"]')!.textContent).to.equal('Add a cookie.');
    const failed = shown(
      checkoutStatus(view({ checkout: { status: 'error', discount: 0, reason: null, message: null } }), on),
    );
    failed.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    expect(calls).to.deep.equal(['retry']);
  });

  it('words each refusal by its reason in the shopper’s language, Spendgo’s words only where they say more', async () => {
    await Promise.all(['es', 'fr', 'ar'].map(loadLocale));
    const said = (locale: string, reason: CheckoutRefusalReason, message: string) =>
      shown(
        inLocale(locale, () =>
          checkoutStatus(view({ locale, checkout: { status: 'not-applied', discount: 0, reason, message } }), on),
        ),
      );
    const held = said('es', 'reward_held', 'This reward is held for another order you placed.');
    expect(held.textContent.trim()).to.equal('Esta recompensa está reservada para otro pedido que hiciste.');
    const away = said('fr', 'reward_not_available', 'This reward is not available for this order at this store.');
    expect(away.textContent.trim()).to.equal(
      'Cette récompense n’est pas disponible pour cette commande dans ce magasin.',
    );
    const generic = said('ar', 'reward_not_applied', 'Reward could not be applied. Please use a valid reward.');
    expect(generic.querySelector('[lang="en"]')).to.equal(null);
    expect(generic.textContent.trim()).to.equal('لا يمكن استخدام هذه المكافأة مع هذا الطلب.');
    expect(said('en', 'reward_not_applied', 'Reward could not be applied.').textContent.trim()).to.equal(
      'This reward can’t be used with this order.',
    );
  });

  it('offers "Sign in again" with the reason after a sign-in that did not finish', () => {
    const root = shown(signedOut(view({ phase: 'signed-out', signInProblem: 'Sign-in was cancelled.' }), on));
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('Sign-in was cancelled.');
    root.querySelector<HTMLButtonElement>('[part~="sign-in-button"]')!.click();
    expect(calls).to.deep.equal(['signIn']);
  });
});
