// The operations console in Chromium against the running system: an operator signs in with the
// client's merchant credentials, finds a held order-ahead order, reads its timeline, extends its
// hold and voids it (each confirmed first), and Spendgo gets the void. Every page is checked with
// axe, looked at in light and dark at 320 px and desktop, and never scrolls sideways.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertion, ACCESS_HEADER, startAccess } from './access.ts';
import {
  axeViolations,
  chooseMember,
  consoleSignIn,
  launch,
  orderCalls,
  PROXY,
  resetSandbox,
  SCREENSHOTS,
  STOREFRONT,
  waitForOrder,
} from './browser.ts';

let browser: Browser;
let access: Server;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  access = await startAccess();
  await resetSandbox();
});
after(async () => {
  await browser.close();
  access.close();
});

/** Places an order-ahead order for Morgan (Shop With Points, the default 7-day hold); its id. */
async function placeOrderAhead(page: Page): Promise<string> {
  await page.goto(`${STOREFRONT}/order-ahead.html`);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
  await chooseMember(await popupOpened, 'Morgan Patel');
  await page.getByText('Hi, Morgan').waitFor();
  await page.getByRole('radio', { name: /Shop With Points/ }).check();
  await page.getByText(/off applied/).waitFor();
  await page.getByRole('button', { name: 'Place order (charged at pickup)' }).click();
  return waitForOrder(page, 'placed');
}

/** axe finds nothing, and the page does not scroll sideways, in light and dark, at 320 px and 1280 px. */
async function lookAt(page: Page, name: string): Promise<void> {
  for (const [width, scheme] of [
    [1280, 'light'],
    [320, 'dark'],
    [320, 'light'],
    [1280, 'dark'],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axeViolations(page), [], `${name} at ${width} px, ${scheme}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(sideways, false, `${name} scrolls sideways at ${width} px`);
    await page.screenshot({ path: `${SCREENSHOTS}/console-${name}-${width}-${scheme}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the operations console', () => {
  it('an operator finds a held order, reads its timeline, extends its hold and voids it, each confirmed', async () => {
    const shop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const orderId = await placeOrderAhead(await shop.newPage());
    await shop.close();

    // The console runs no script; axe is injected past its CSP.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${PROXY}/console`);
    await page.getByRole('heading', { name: 'Sign in to operations' }).waitFor();
    await page.getByLabel('Client id').fill('demo-market');
    await page.getByLabel('Merchant secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText(/do not match/)
      .waitFor();
    await lookAt(page, 'sign-in');

    await consoleSignIn(page, 'demo-market');
    await page.getByLabel('Show').selectOption({ label: 'Held, not yet billed' });
    await page.getByRole('button', { name: 'Show orders' }).click();
    const row = page.getByRole('row', { name: new RegExp(orderId) });
    await row.getByText(/Held until/).waitFor();
    await lookAt(page, 'list');

    await row.getByRole('link', { name: orderId }).click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await page.getByText('Spendgo answered: status placed').waitFor();
    await lookAt(page, 'order');

    await page.getByRole('link', { name: 'Extend the hold…' }).click();
    await page.getByRole('heading', { name: `Extend the hold of order ${orderId}?` }).waitFor();
    await lookAt(page, 'confirm-extend');
    await page.getByRole('radio', { name: /1 day more/ }).check();
    await page.getByRole('button', { name: 'Extend the hold' }).click();
    await page.getByRole('status').getByText('The hold is extended.').waitFor();

    await page.getByRole('link', { name: 'Void the order…' }).click();
    await page.getByLabel(/Reason/).fill('The guest called to cancel');
    await lookAt(page, 'confirm-void');
    await page.getByRole('button', { name: 'Void the order' }).click();
    await page
      .getByRole('status')
      .getByText(/The order is voided/)
      .waitFor();
    // Spendgo has the void once it is delivered; the timeline says so on a reload.
    for (let i = 0; i < 50 && !(await page.getByText('2. Voided · Delivered').isVisible()); i++) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await page.getByText('2. Voided · Delivered').waitFor({ timeout: 1000 });
    assert.deepEqual(
      (await orderCalls()).filter((c) => c.endsWith(orderId)),
      [`placed ${orderId}`, `voided ${orderId}`],
    );
    assert.equal(await page.getByRole('link', { name: /Void the order/ }).count(), 0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to operations' }).waitFor();
    await page.goto(`${PROXY}/console`);
    await page.getByRole('heading', { name: 'Sign in to operations' }).waitFor();
    await context.close();
  });

  it('behind Cloudflare Access: an operator of two brands switches to one and voids its order, named in it', async () => {
    const shop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const orderId = await placeOrderAhead(await shop.newPage());
    await shop.close();

    // An assertion the team did not sign gets nothing, not even the sign-in form.
    const forged = await fetch(`${PROXY}/console`, {
      headers: { [ACCESS_HEADER]: await assertion('ops@demo.test', true) },
    });
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /could not be verified/);

    // Access adds its assertion to every request it lets through; the console needs nothing else.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      extraHTTPHeaders: { [ACCESS_HEADER]: await assertion('ops@demo.test') },
    });
    const page = await context.newPage();
    await page.goto(`${PROXY}/console`);
    await page.getByText('Signed in as ops@demo.test · demo-storefront').waitFor();
    await page.getByLabel('Client').selectOption('demo-market');
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByText('Signed in as ops@demo.test · demo-market').waitFor();
    await lookAt(page, 'access-list');

    await page.getByRole('link', { name: orderId }).click();
    await page.getByRole('link', { name: 'Void the order…' }).click();
    await page.getByLabel(/Reason/).fill('The guest called to cancel');
    await page.getByRole('button', { name: 'Void the order' }).click();
    await page
      .getByRole('status')
      .getByText(/The order is voided/)
      .waitFor();
    await page.getByText('ops@demo.test voided the order').waitFor();
    await lookAt(page, 'access-order');
    await context.close();
  });
});
