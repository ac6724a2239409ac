// <spendgo-loyalty> in real Chromium, against a fake of the proxy's network answers: every
// visible state, every event with its payload, the one-reward rule, the form value and
// validity, locales and currencies, keyboard use, and an axe check in each state.

import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index';
import type { SpendgoLoyalty } from '../src/index';
import { CLIENT_ID, installFakeProxy, PROXY, reward, storeSession, type FakeProxy } from './fake-proxy';
import { CART, mount, oneEvent, part, radios, ready, settled, text, until } from './widget-helpers';

let proxy: FakeProxy;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  proxy = installFakeProxy();
});
afterEach(() => {
  proxy.restore();
});

describe('import and configuration', () => {
  it('defines the tag and renders nothing without client-id and proxy', async () => {
    expect(customElements.get('spendgo-loyalty')).to.exist;
    const el = await fixture<SpendgoLoyalty>(html`<spendgo-loyalty></spendgo-loyalty>`);
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.equal(null);
    expect(proxy.requests).to.have.length(0);
  });
});

/** What the auth controller reports when a popup is cancelled (its own tests cover how it knows). */
const signInDidNotFinish = (el: SpendgoLoyalty) => {
  (el as unknown as { signInFailed(code: 'sign_in_cancelled'): void }).signInFailed('sign_in_cancelled');
};

describe('signed out', () => {
  it('offers sign-in, fires ready, exposes :state(signed-out), and is accessible', async () => {
    const readyEvent = oneEvent(document.body, 'spendgo-ready');
    const el = await mount({ mode: 'test' });
    await readyEvent;
    expect(part(el, 'sign-in-button')?.textContent).to.equal('Sign in with Spendgo');
    expect(part(el, 'test-mode')).to.exist;
    expect(el.matches(':state(signed-out)')).to.equal(true);
    expect(proxy.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('after a sign-in that did not finish: the reason, a focused "Sign in again", accessible', async () => {
    const el = await mount();
    await until(() => part(el, 'sign-in-button'), 'no sign-in button');
    const error = oneEvent(el, 'spendgo-error');
    signInDidNotFinish(el);
    expect((await error).code).to.equal('sign_in_cancelled');
    await until(() => part(el, 'retry-button'), 'no Sign in again');
    expect(part(el, 'retry-button')!.textContent).to.equal('Sign in again');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(el)).to.contain('Sign-in was cancelled.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'retry-button'));
    await expect(el).to.be.accessible();
  });

  it('follows a sign-in made in another tab, and forgets why an earlier attempt failed', async () => {
    const el = await mount();
    await until(() => part(el, 'sign-in-button'), 'no sign-in button');
    signInDidNotFinish(el);
    await until(() => part(el, 'retry-button'), 'no Sign in again');
    storeSession('Jordan');
    window.dispatchEvent(
      new StorageEvent('storage', { key: `oidc.user:${PROXY}:${CLIENT_ID}`, storageArea: localStorage }),
    );
    await until(() => text(el).includes('Hi, Jordan'), 'not signed in from the other tab');
    localStorage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null, storageArea: localStorage }));
    await until(() => part(el, 'sign-in-button'), 'not signed out from the other tab');
    expect(text(el)).not.to.contain('Sign-in was cancelled.');
  });

  it('lets a guest check out without signing in when allow-guest is set', async () => {
    const el = await mount({ allowGuest: true });
    const change = settled(el);
    el.cart = CART;
    const event = await change;
    expect(event.discount).to.equal(0);
    expect(event.checkoutId).to.match(/^ck_/);
    const request = proxy.requests.find((r) => r.path === '/v1/checkout')!;
    expect(request.body).to.include({ client_id: CLIENT_ID, store: '999999' });
    expect(request.headers.has('Authorization')).to.equal(false);
    expect(request.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('gives identical carts of two shoppers checkouts of their own (a random Idempotency-Key each)', async () => {
    const first = await mount({ allowGuest: true });
    const second = await mount({ allowGuest: true });
    const changes = [settled(first), settled(second)];
    first.cart = CART;
    second.cart = CART;
    await Promise.all(changes);
    const keys = proxy.requests.filter((r) => r.path === '/v1/checkout').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });
});

describe('signed in', () => {
  beforeEach(() => {
    storeSession('Jordan');
  });

  it('shows the greeting, balance, progress and rewards; fires the session change', async () => {
    const session = oneEvent(document.body, 'spendgo-session-change');
    const el = await mount();
    const event = await session;
    expect(event.state).to.equal('signed-in');
    expect(event.givenName).to.equal('Jordan');
    await ready(el);
    expect(text(el)).to.contain('Hi, Jordan');
    expect(part(el, 'balance')?.textContent).to.equal('40 points');
    expect(text(el)).to.contain('10 more points to your next reward');
    expect(radios(el).map((r) => r.value)).to.deep.equal(['', '2234402', 'A18']);
    expect(text(el)).to.contain('Expires Dec 1');
    expect(el.matches(':state(signed-in)')).to.equal(true);
    expect(proxy.requests.map((r) => r.path).sort()).to.deep.equal(['/v1/balance', '/v1/rewards?store=999999']);
    expect(proxy.requests[0]?.headers.get('Authorization')).to.equal('DPoP test-access-token');
    await expect(el).to.be.accessible();
  });

  it('signing out here moves focus to "Sign in" (the button pressed is gone)', async () => {
    const el = await mount();
    await ready(el);
    const signOut = part(el, 'sign-out-button')!;
    signOut.focus();
    signOut.click();
    await until(() => part(el, 'sign-in-button'), 'never signed out');
    await until(() => el.shadowRoot!.activeElement === part(el, 'sign-in-button'), 'focus was lost on sign-out');
  });

  it('shows a loading skeleton first, then the content', async () => {
    let release = () => {};
    proxy.gate = new Promise((resolve) => (release = resolve));
    const el = await mount();
    expect(part(el, 'skeleton')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await ready(el);
    expect(part(el, 'skeleton')).to.equal(null);
  });

  it('validates the chosen reward and reports discount, form value and validity', async () => {
    const el = await mount();
    el.cart = CART;
    await ready(el);
    const select = oneEvent(el, 'spendgo-reward-select');
    radios(el)[1]!.click();
    expect((await select).reward?.id).to.equal('2234402');
    expect(el.matches(':state(loading)')).to.equal(true);
    const change = await settled(el);
    expect(change).to.include({ discount: 5, currency: 'USD', message: null });
    expect(change.reward?.id).to.equal('2234402');
    await el.updateComplete;
    expect(part(el, 'status')?.textContent).to.equal('$5.00 off applied');
    expect(el.checkoutId).to.equal(change.checkoutId);
    expect(el.matches(':state(reward-applied)')).to.equal(true);
    const checkout = proxy.requests.filter((r) => r.path === '/v1/checkout').at(-1)!;
    expect(checkout.body).to.deep.include({ reward: { id: '2234402' } });
  });

  it('allows one reward at a time', async () => {
    const el = await mount();
    await ready(el);
    radios(el)[1]!.click();
    radios(el)[2]!.click();
    await el.updateComplete;
    expect(
      radios(el)
        .filter((r) => r.checked)
        .map((r) => r.value),
    ).to.deep.equal(['A18']);
  });

  it('keeps the previous choice when the host cancels reward-select', async () => {
    const el = await mount();
    await ready(el);
    el.addEventListener(
      'spendgo-reward-select',
      (e) => {
        e.preventDefault();
      },
      { once: true },
    );
    radios(el)[1]!.click();
    await el.updateComplete;
    expect(
      radios(el)
        .filter((r) => r.checked)
        .map((r) => r.value),
    ).to.deep.equal(['']);
  });

  it('shows Spendgo’s message and reports the form invalid when the reward does not apply', async () => {
    proxy.checkout = () => ({
      checkout_id: `ck_${'1'.repeat(64)}`,
      discount: 0,
      reward_applied: false,
      reason: 'reward_not_applied',
      message: 'Add a cookie to your order to use Free Cookie.',
      currency: 'USD',
      expires_at: new Date().toISOString(),
    });
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <spendgo-loyalty
          client-id=${CLIENT_ID}
          proxy=${PROXY}
          store="999999"
          lang="en"
          name="loyalty"
        ></spendgo-loyalty>
      </form>`,
    );
    const el = form.querySelector('spendgo-loyalty')!;
    el.cart = CART;
    await ready(el);
    radios(el)[2]!.click();
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    await settled(el);
    await el.updateComplete;
    expect(part(el, 'status')?.textContent).to.equal('Add a cookie to your order to use Free Cookie.');
    expect(form.checkValidity()).to.equal(false);
    radios(el)[0]!.click();
    await settled(el);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('loyalty')).to.match(/^ck_/);
  });

  it('submits the checkout id under the default field name', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999"></spendgo-loyalty></form>`,
    );
    const el = form.querySelector('spendgo-loyalty')!;
    el.cart = CART;
    const change = await settled(el);
    await el.updateComplete;
    expect(new FormData(form).get('spendgo_checkout_id')).to.equal(change.checkoutId);
  });

  it('re-validates when the cart changes, and not when it stays the same', async () => {
    const el = await mount();
    const first = settled(el);
    el.cart = CART;
    await ready(el);
    await first;
    const before = proxy.requests.filter((r) => r.path === '/v1/checkout').length;
    el.cart = { ...CART };
    await el.updateComplete;
    el.cart = { items: [{ label: 'Salad', unit_cost: 21.5, quantity: 2 }], subtotal: 43 };
    await settled(el);
    expect(proxy.requests.filter((r) => r.path === '/v1/checkout').length).to.equal(before + 1);
  });

  it('shows an empty state with progress when the member has no rewards', async () => {
    proxy.rewards = [];
    const el = await mount();
    await ready(el);
    expect(part(el, 'empty')?.textContent).to.contain('No rewards yet');
    expect(part(el, 'progress')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a set-up error is told to the developer in the console, and the shopper sees the widget’s words', async () => {
    proxy.failures = ['unknown_client', 'unknown_client'];
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const error = oneEvent(document.body, 'spendgo-error');
      const el = await mount();
      expect(await error).to.include({ code: 'unknown_client', retryable: false });
      await until(() => part(el, 'error'), 'no error shown');
      expect(text(el)).to.contain('Rewards aren’t available on this page yet.');
      expect(text(el)).to.not.contain('shop-tset');
      await until(() => warnings.length > 0, 'no console warning');
      const warning = String(warnings[0]![0]);
      expect(warning).to.contain('client-id').and.contain('WIDGET_CLIENTS').and.contain('req-42');
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('shows an error with retry, fires spendgo-error, and recovers', async () => {
    proxy.failures = [503, 503];
    const error = oneEvent(document.body, 'spendgo-error');
    const el = await mount();
    const event = await error;
    expect(event).to.include({ code: 'upstream_unavailable', retryable: true });
    await until(() => part(el, 'retry-button'), 'no retry button');
    expect(text(el)).to.contain('We can’t reach the rewards service right now.');
    expect(el.matches(':state(error)')).to.equal(true);
    await until(() => el.shadowRoot!.activeElement === part(el, 'retry-button'), 'focus did not move to retry');
    // Announced: the reason is an alert, not text a screen reader only finds by chance.
    expect(el.shadowRoot!.querySelector('[part~="error"] [role="alert"]')?.textContent).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    part(el, 'retry-button')!.click();
    await ready(el);
  });

  it('shows saved rewards with their age when the network goes away', async () => {
    const el = await mount();
    await ready(el);
    proxy.failures = ['network', 'network'];
    el.refresh();
    await until(() => part(el, 'offline'), 'no offline notice');
    expect(part(el, 'offline')?.textContent).to.contain('offline');
    expect(radios(el)).to.have.length(3);
    expect(el.matches(':state(offline)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('can be used with the keyboard alone', async () => {
    const el = await mount();
    await ready(el);
    radios(el)[0]!.focus();
    const select = oneEvent(el, 'spendgo-reward-select');
    await sendKeys({ press: 'ArrowDown' });
    expect((await select).reward?.id).to.equal('2234402');
  });
});

describe('locales and currencies', () => {
  beforeEach(() => {
    storeSession('Jordan');
  });

  it('switches language at runtime, right-to-left for Arabic', async () => {
    const el = await mount({ lang: 'es' });
    await ready(el);
    await until(() => text(el).includes('Recompensas'), 'Spanish never shown');
    expect(text(el)).to.contain('Hola, Jordan');
    el.lang = 'ar';
    await until(() => text(el).includes('المكافآت'), 'Arabic never shown');
    expect(el.getAttribute('dir')).to.equal('rtl');
    el.lang = 'fr';
    await until(() => text(el).includes('Récompenses'), 'French never shown');
    expect(el.hasAttribute('dir')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('formats amounts with the currency’s own decimals (JPY 0, KWD 3)', async () => {
    proxy.rewards = [reward('1', 'Big', { value: 500 })];
    const jpy = await mount({ currency: 'JPY' });
    await ready(jpy);
    const value = () => jpy.shadowRoot!.querySelectorAll('[part~="reward-value"]')[1]?.textContent;
    expect(value()).to.equal('¥500 off');
    jpy.currency = 'KWD';
    await jpy.updateComplete;
    expect(value()).to.match(/^KWD\s500\.000 off$/);
  });
});
