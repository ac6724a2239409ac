// The whole "Add Transaction With OAuth 2.0" workflow in a real browser against the real local
// stack (storefront, widget, proxy, merchant backend, sandbox), checked on Spendgo's side.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  available,
  chooseMember,
  consoleSignIn,
  launch,
  member,
  orderCalls,
  PROXY,
  resetSandbox,
  SCREENSHOTS,
  signIn,
  STOREFRONT,
  waitForOrder,
} from './browser.ts';

let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser.close();
});
beforeEach(async () => {
  await resetSandbox();
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
const discountLine = () => page.locator('#discount');

async function chooseReward(label: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(label) }).check();
}

describe('the cart page', () => {
  it('a member signs in, sees balance and rewards, redeems one, pays, and earns points on the discounted subtotal', async () => {
    await page.goto(STOREFRONT);
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
    await shot('01-signed-out');
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await shot('02-spendgo-sign-in');
    await chooseMember(page, 'Jordan Lee');
    await page.getByText('Hi, Jordan').waitFor();
    await page.getByText('40 points').waitFor();
    await chooseReward('\\$5 Off');
    await page.getByText('$5.00 off applied').waitFor();
    assert.equal(await discountLine().textContent(), '−$5.00');
    await shot('03-reward-applied');
    await page.getByRole('button', { name: 'Pay' }).click();
    const orderId = await waitForOrder(page, 'completed');
    await shot('04-order-completed');
    const jordan = await member('1009029');
    const entries = jordan.ledger.filter((e) => e.order_id === orderId);
    // 2 × $9 + $2.50 = $20.50, minus $5 → 15 points; 40 + 15 = 55 ≥ 50 buys a new $5 Off.
    assert.deepEqual(
      entries.map((e) => [e.kind, e.units]),
      [
        ['redeem', 0],
        ['earn', 15],
        ['issue', -50],
      ],
    );
    assert.equal(jordan.member.balance, 5);
    assert.equal(available(jordan, '2234402'), 2);
  });

  it('a guest checks out without signing in', async () => {
    await page.goto(STOREFRONT);
    await page.getByText('No account? You can check out as a guest.').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement & { checkoutId: string | null }>('spendgo-loyalty');
      return el?.checkoutId?.startsWith('ck_') ?? false;
    });
    await page.getByRole('button', { name: 'Pay' }).click();
    await waitForOrder(page, 'completed');
    assert.equal(await page.locator('#orders [data-state="delivered"]').count(), 3);
  });

  it('a failed payment voids the order and the reward comes back', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await chooseReward('\\$5 Off');
    await page.getByText('$5.00 off applied').waitFor();
    await page.getByLabel('Make the payment fail').check();
    await page.getByRole('button', { name: 'Pay' }).click();
    await waitForOrder(page, 'voided');
    const jordan = await member('1009029');
    assert.equal(jordan.member.balance, 40);
    assert.equal(available(jordan, '2234402'), 2);
  });

  it('a refund after completion reverses the points and returns the reward', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await chooseReward('\\$5 Off');
    await page.getByText('$5.00 off applied').waitFor();
    await page.getByRole('button', { name: 'Pay' }).click();
    const orderId = await waitForOrder(page, 'completed');
    await page.getByRole('button', { name: `Refund ${orderId}` }).click();
    await waitForOrder(page, 'refunded');
    const jordan = await member('1009029');
    assert.equal(jordan.member.balance, 40);
    assert.equal(available(jordan, '2234402'), 2);
    assert.ok(jordan.copies.some((c) => c.state === 'revoked'));
  });

  it('a shopper who validates a made-up cart gets neither the discount nor the points: the shop prices the order', async () => {
    // The member rewrites the page's checkout request (devtools, an extension): a $100,000 sandwich.
    await page.route('**/v1/checkout', async (route) => {
      const body = route.request().postDataJSON() as {
        items: { unit_cost: number; quantity: number }[];
        subtotal: number;
      };
      body.items = body.items.map((item) => ({ ...item, unit_cost: 100_000 }));
      body.subtotal = body.items.reduce((sum, item) => sum + item.unit_cost * item.quantity, 0);
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await chooseReward('20% Off');
    await page.getByText('$15.00 off applied').waitFor();
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByText(/Payment failed: .*validated cart/).waitFor();
    await shot('05b-made-up-cart-refused');
    const jordan = await member('1009029');
    assert.equal(jordan.member.balance, 40);
    assert.deepEqual(
      jordan.ledger.filter((e) => e.order_id !== null),
      [],
    );
    assert.equal(await page.locator('#orders > li').count(), 0);
  });

  it('a reward that does not fit the cart shows Spendgo’s message', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await page.getByRole('button', { name: 'Remove one Cookie' }).click();
    await chooseReward('Free Cookie');
    await page.locator('spendgo-loyalty').getByText('Add a cookie to your order to use Free Cookie.').waitFor();
    assert.equal(await discountLine().textContent(), '—');
    await shot('05-reward-not-applicable');
  });

  it('a member whose access token expired while away reloads still signed in, with one refresh', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await page.getByText('40 points').waitFor();
    // As if the page had been left open past the access token's lifetime.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith('oidc.user:'))) {
        const user = JSON.parse(localStorage.getItem(key)!) as { expires_at: number };
        localStorage.setItem(key, JSON.stringify({ ...user, expires_at: Math.floor(Date.now() / 1000) - 60 }));
      }
    });
    const tokenCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/oauth/token') && request.method() === 'POST') tokenCalls.push(request.url());
    });
    const rejected: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/v1/') && response.status() === 401) rejected.push(response.status());
    });
    await page.reload();
    await page.getByText('Hi, Jordan').waitFor();
    await page.getByText('40 points').waitFor();
    await page
      .getByRole('radio', { name: /\$5 Off/ })
      .first()
      .waitFor();
    // Balance and rewards load in parallel: one refresh before either is sent, no 401 at all.
    assert.equal(tokenCalls.length, 1);
    assert.deepEqual(rejected, []);
  });

  it('a member signed in on one tab is signed in on a new tab; signing out in one signs out both', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Jordan Lee');
    await page.getByText('40 points').waitFor();
    const second = await context!.newPage();
    const tokenCalls: string[] = [];
    second.on('request', (r) => {
      if (r.url().endsWith('/oauth/token')) tokenCalls.push(r.url());
    });
    await second.goto(STOREFRONT);
    await second.getByText('Hi, Jordan').waitFor();
    await second.getByText('40 points').waitFor();
    assert.deepEqual(tokenCalls, []);
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
    // The first tab follows without a reload.
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
    await second.close();
  });

  it('sign-out returns to the signed-out state and forgets the session', async () => {
    await page.goto(STOREFRONT);
    await signIn(page, 'Riley Kim');
    await page.getByText('0 points').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
  });
});

describe('the other storefronts', () => {
  it('order ahead: popup sign-in, place now, charge at pickup', async () => {
    await page.goto(`${STOREFRONT}/order-ahead.html`);
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    const popup = await popupOpened;
    await popup.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await chooseMember(popup, 'Morgan Patel');
    await page.getByText('Hi, Morgan').waitFor();
    await chooseReward('Shop With Points');
    await page.getByText(/off applied/).waitFor();
    // Spend part of the points: $5.00 of the $20.00 the 2,000 points are worth.
    const widget = page.locator('spendgo-loyalty');
    const amount = widget.getByLabel('Amount to use');
    await amount.fill('5');
    await amount.blur();
    await widget.getByText('$5.00 off applied').waitFor();
    await widget.getByText('Uses 500 points').waitFor();
    await shot('06a-shop-with-points-part');
    await page.getByRole('button', { name: 'Place order (charged at pickup)' }).click();
    const orderId = await waitForOrder(page, 'placed');
    // The pickup time reached Spendgo as the order's `wanted`, and the page shows it.
    const placedCall = (await orderCalls(true)).find((c) => c.startsWith(`placed ${orderId} `));
    assert.match(placedCall ?? '', /^placed \S+ wanted \d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    await page
      .locator(`#orders > li[data-order-id="${orderId}"]`)
      .getByText(/for pickup .*12:30 PM/)
      .waitFor();
    await shot('06-order-ahead-placed');
    await page.getByRole('button', { name: `Charge now ${orderId}` }).click();
    await waitForOrder(page, 'completed');
    // Store 100001: 2 lattes + salad = $22.00, $5.00 paid with 500 points; $17.00 earns 17.
    const morgan = await member('1009032');
    assert.equal(morgan.member.balance, 2000 - 500 + 17);
  });

  it('order ahead with a short hold: the reward shows held in another tab, then the order is voided by itself', async () => {
    await page.goto(`${STOREFRONT}/order-ahead.html`);
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    const popup = await popupOpened;
    await chooseMember(popup, 'Morgan Patel');
    await page.getByText('Hi, Morgan').waitFor();
    await chooseReward('Shop With Points');
    await page.getByText(/off applied/).waitFor();
    await page.getByLabel('Hold the order').selectOption('30');
    await page.getByRole('button', { name: 'Place order (charged at pickup)' }).click();
    const orderId = await waitForOrder(page, 'placed');
    await page
      .locator(`#orders > li[data-order-id="${orderId}"]`)
      .getByText(/held until/)
      .waitFor();

    // Another tab of the same member: the points are held for the order, not offered.
    const other = await context!.newPage();
    await other.goto(`${STOREFRONT}/order-ahead.html`);
    const held = other.locator('spendgo-loyalty [part~="reward-held"]');
    await held.getByText(/Held for your order of/).waitFor();
    assert.equal(await held.getByRole('radio').isDisabled(), true);
    await other.screenshot({ path: `${SCREENSHOTS}/06b-order-ahead-held.png`, fullPage: true });

    // Nobody charges it: when the hold ends the proxy voids it at Spendgo by itself.
    await waitForOrder(page, 'voided', 60_000);
    await page
      .locator(`#orders > li[data-order-id="${orderId}"]`)
      .getByText(/voided by itself/)
      .waitFor();
    assert.deepEqual(
      (await orderCalls()).filter((c) => c.endsWith(orderId)),
      [`placed ${orderId}`, `voided ${orderId}`],
    );
    assert.equal((await member('1009032')).member.balance, 2000);
    // The shop's backend was told, with signed webhooks it verified.
    await page.locator('#webhooks li[data-type="order.auto_voided"]').waitFor();
    // The reward is free again: the widget (refreshed by the page) offers it.
    await page.getByRole('radio', { name: /Shop With Points/ }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /Shop With Points/ }).isDisabled(), false);
    await shot('06c-order-ahead-auto-voided');

    // The operations console lists it as auto-voided, with its timeline.
    const ops = await context!.newPage();
    await consoleSignIn(ops, 'demo-market');
    await ops.goto(`${PROXY}/console?show=auto_voided`);
    await ops
      .getByRole('row', { name: new RegExp(orderId) })
      .getByText('Auto-voided: hold ended')
      .waitFor();
    await ops.getByRole('link', { name: orderId }).click();
    await ops.getByText('the proxy: the hold ended without billed').waitFor();
    await ops.getByText('2. Voided · Delivered').waitFor();
    await ops.screenshot({ path: `${SCREENSHOTS}/06d-console-auto-voided.png`, fullPage: true });
  });

  for (const how of ['Cancel', 'Deny', 'close'] as const) {
    it(`backing out of the popup sign-in (${how}) leaves the widget usable, with the reason and "Sign in again"`, async () => {
      await page.goto(`${STOREFRONT}/order-ahead.html`);
      const popupOpened = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
      const popup = await popupOpened;
      await popup.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
      // Signed out again, the widget validates the cart for a guest; the reason must outlive that.
      const guestValidation = page.waitForResponse((r) => r.url().endsWith('/v1/checkout'));
      if (how === 'close') await popup.close();
      else if (how === 'Cancel') await popup.getByRole('button', { name: 'Cancel' }).click();
      else {
        await popup.getByRole('button', { name: /Morgan Patel/ }).click();
        await popup.getByRole('button', { name: 'Deny' }).click();
      }
      const widget = page.locator('spendgo-loyalty');
      const again = widget.getByRole('button', { name: 'Sign in again' });
      await again.waitFor({ timeout: 5000 });
      await widget.getByText('Sign-in was cancelled.').waitFor();
      assert.match(page.url(), /order-ahead\.html/);
      assert.equal(await again.evaluate((b) => b.matches(':focus')), true);
      // The rest of the widget still works: the guest path validates the cart, and the reason stays.
      await widget.getByText(/check out as a guest/i).waitFor();
      assert.equal((await guestValidation).status(), 200);
      await widget.getByText('Sign-in was cancelled.').waitFor({ timeout: 1000 });
      if (how === 'close') await shot('08-sign-in-backed-out');
    });
  }

  it('a denied consent in redirect mode comes back with the reason, not silence', async () => {
    await page.goto(STOREFRONT);
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await page.getByRole('button', { name: /Jordan Lee/ }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(new RegExp(`^${STOREFRONT}`));
    const widget = page.locator('spendgo-loyalty');
    await widget.getByText('Sign-in was cancelled.').waitFor();
    const again = widget.getByRole('button', { name: 'Sign in again' });
    await again.waitFor();
    assert.equal(await again.evaluate((b) => b.matches(':focus')), true);
  });

  it('a blocked sign-in popup falls back to a full-page redirect', async () => {
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(`${STOREFRONT}/order-ahead.html`);
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await chooseMember(page, 'Morgan Patel');
    await page.waitForURL(new RegExp(`^${STOREFRONT}/order-ahead.html`));
    await page.getByText('Hi, Morgan').waitFor();
    await page
      .getByText(/2,?000 points/)
      .first()
      .waitFor();
  });

  it("a React app uses the wrapper (another brand's store: visits)", async () => {
    await page.goto(`${STOREFRONT}/react.html`);
    await page.getByText('Widget: ready').waitFor();
    // demo-bakery runs on the sandbox's visits account: only its members are offered.
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    assert.equal(await page.getByRole('button', { name: /Jordan Lee/ }).count(), 0);
    await chooseMember(page, 'Sam Rivera');
    await page.waitForURL(new RegExp(`^${STOREFRONT}/react.html`));
    await page.getByText('Hi, Sam').waitFor();
    await page
      .getByText(/6 visits/)
      .first()
      .waitFor();
  });

  it('a third-party cart hosts the widget in its shadow root, themed its own way', async () => {
    await page.goto(`${STOREFRONT}/third-party.html`);
    const signInButton = page.locator('acme-cart').getByRole('button', { name: 'Sign in with Spendgo' });
    await signInButton.waitFor();
    const radius = await signInButton.evaluate((b) => getComputedStyle(b).borderTopLeftRadius);
    assert.equal(radius, '999px');
    await shot('07-third-party-cart');
    // The ACME cart serves a Points Banking brand (demo-grill): Avery's tiers show there.
    await signInButton.click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await chooseMember(page, 'Avery Chen');
    await page.waitForURL(new RegExp(`^${STOREFRONT}/third-party.html`));
    await page.locator('acme-cart').getByText('Hi, Avery').waitFor();
    await page
      .locator('acme-cart')
      .getByText(/250 points/)
      .first()
      .waitFor();
  });
});
