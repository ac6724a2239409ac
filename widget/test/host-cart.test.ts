// What the host cart is told, in real Chromium against the fake proxy: never a discount that
// no longer stands. Pending the moment the cart changes, cleared with an emptied cart, one check
// for a burst of changes, a retry after a failed check, and fresh data when back online.

import { expect, fixture, html } from '@open-wc/testing';
import '../src/index';
import type { SpendgoLoyalty } from '../src/index';
import { CLIENT_ID, PROXY, reward } from './fake-proxy';
import { CART, mount, oneEvent, part, proxy, radios, ready, settled, until, useFakeProxy } from './widget-helpers';

useFakeProxy('Jordan');

const checkouts = () => proxy.requests.filter((r) => r.path === '/v1/checkout');

/** A signed-in widget in a form, with the $5 reward chosen and applied. */
async function withAppliedReward(): Promise<{ form: HTMLFormElement; el: SpendgoLoyalty }> {
  const form = await fixture<HTMLFormElement>(
    html`<form>
      <spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="en"></spendgo-loyalty>
    </form>`,
  );
  const el = form.querySelector('spendgo-loyalty')!;
  const first = settled(el);
  el.cart = CART;
  await ready(el);
  await first;
  const applied = settled(el);
  radios(el)[1]!.click();
  expect((await applied).status).to.equal('applied');
  await el.updateComplete;
  return { form, el };
}

describe('the host cart', () => {
  it('hears "pending" with no discount the moment the cart changes; the form is invalid, anchored on the reward', async () => {
    const { form, el } = await withAppliedReward();
    const pending = oneEvent(el, 'spendgo-discount-change');
    el.cart = { items: [{ label: 'Salad', unit_cost: 21.5, quantity: 2 }], subtotal: 43 };
    const event = await pending;
    expect(event).to.include({ status: 'pending', discount: 0, checkoutId: null });
    await el.updateComplete;
    expect(el.discount).to.equal(0);
    expect(el.checkoutId).to.equal(null);
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).get('spendgo_checkout_id')).to.equal(null);
    // Pay now: the browser points at the chosen reward (a focusable control), not nowhere.
    form.reportValidity();
    expect(el.shadowRoot!.activeElement).to.equal(radios(el)[1]);
    const answer = await settled(el);
    expect(answer).to.include({ status: 'applied', discount: 5 });
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
  });

  it('an emptied cart clears the reward and tells the host there is no discount', async () => {
    const { form, el } = await withAppliedReward();
    const cleared = settled(el);
    el.cart = { items: [], subtotal: 0 };
    expect(await cleared).to.include({ status: 'none', discount: 0, checkoutId: null });
    await el.updateComplete;
    expect(radios(el)[0]!.checked).to.equal(true);
    expect(part(el, 'status')?.textContent).to.equal('');
    expect(form.checkValidity()).to.equal(true);
    // Items back: validated without the old reward.
    const again = settled(el);
    el.cart = CART;
    expect(await again).to.include({ status: 'none', discount: 0 });
    expect(checkouts().at(-1)!.body).not.to.have.property('reward');
  });

  // The demo's cart hands the widget null once its last item goes, not an empty list; a page
  // may drop the property altogether. Either way the reward must not come back with the items.
  for (const [name, emptied] of [
    ['null', null],
    ['undefined', undefined],
  ] as const) {
    it(`an emptied cart given as ${name} clears the reward too, and a partly spent Shop With Points does not return with the items`, async () => {
      proxy.rewards = [
        ...proxy.rewards,
        reward('P_SWP', 'Shop With Points', { value: 20, points_reward: true, points: 2000, value_per_point: 0.01 }),
      ];
      const el = await mount();
      const first = settled(el);
      el.cart = CART;
      await ready(el);
      await first;
      const swp = radios(el).at(-1)!;
      swp.click();
      await until(() => el.discount > 0, 'Shop With Points never applied');
      const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=number]')!;
      const five = settled(el);
      field.value = '5';
      field.dispatchEvent(new Event('input'));
      expect(await five).to.include({ status: 'applied', discount: 5 });
      const cleared = settled(el);
      el.cart = emptied as unknown as null;
      expect(await cleared).to.include({ status: 'none', discount: 0, checkoutId: null });
      await el.updateComplete;
      expect(radios(el)[0]!.checked).to.equal(true);
      const again = settled(el);
      el.cart = { items: [{ label: 'Latte', unit_cost: 4.75, quantity: 1 }], subtotal: 4.75 };
      expect(await again).to.include({ status: 'none', discount: 0 });
      expect(checkouts().at(-1)!.body).not.to.have.property('reward');
      expect(radios(el)[0]!.checked).to.equal(true);
    });
  }

  it('checks only the last of a burst of changes', async () => {
    const el = await mount();
    const first = settled(el);
    el.cart = CART;
    await ready(el);
    await first;
    const before = checkouts().length;
    const done = settled(el);
    for (const quantity of [2, 3, 4]) {
      el.cart = { items: [{ label: 'Salad', unit_cost: 21.5, quantity }], subtotal: 21.5 * quantity };
      await el.updateComplete;
    }
    await done;
    expect(
      checkouts()
        .slice(before)
        .map((r) => (r.body as { subtotal: number }).subtotal),
    ).to.deep.equal([86]);
  });

  it('a failed check offers a retry, reports "error" and keeps the form from paying with an unchecked reward', async () => {
    const { form, el } = await withAppliedReward();
    proxy.failures = [503];
    const failed = settled(el);
    el.cart = { items: [{ label: 'Salad', unit_cost: 21.5, quantity: 2 }], subtotal: 43 };
    expect(await failed).to.include({ status: 'error', discount: 0, checkoutId: null });
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="status"] ~ .row [part~="retry-button"]');
    expect(retry, 'no retry next to the failed check').to.exist;
    await expect(el).to.be.accessible();
    const recovered = settled(el);
    retry!.click();
    expect(await recovered).to.include({ status: 'applied', discount: 5 });
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
  });

  it('back online, loads again by itself and drops the offline banner', async () => {
    const el = await mount();
    await ready(el);
    proxy.failures = ['network', 'network'];
    el.refresh();
    await until(() => part(el, 'offline'), 'never offline');
    window.dispatchEvent(new Event('online'));
    await until(() => !part(el, 'offline'), 'the offline banner stayed');
    expect(el.matches(':state(offline)')).to.equal(false);
  });
});
