// Join at checkout in the real system: a shopper with no Spendgo account joins inside the
// widget on the cart page, is signed in without Spendgo's pages, pays, and earns on this very
// order at Spendgo (the sandbox). Someone who already belongs is sent to sign in instead.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, member, resetSandbox, SANDBOX, SCREENSHOTS, STOREFRONT, waitForOrder } from './browser.ts';

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

/** The Spendgo member id an order's calls went to (the sandbox's request log). */
async function memberOfOrder(orderId: string): Promise<string> {
  const res = await fetch(`${SANDBOX}/__sandbox/requests?limit=1000`);
  const { requests } = (await res.json()) as { requests: { path: string; detail: string }[] };
  const call = requests.find((r) => r.detail.startsWith('completed ') && r.detail.includes(orderId));
  const id = call ? /^\/loyalty\/accounts\/(\d+)\/orders$/.exec(call.path)?.[1] : undefined;
  if (!id) throw new Error(`no completed call for ${orderId}`);
  return id;
}

async function openJoinForm(): Promise<void> {
  await page.goto(STOREFRONT);
  // The demo cart: 2 × Turkey Sandwich ($9) + Cookie ($2.50) = $20.50, at 1 point a dollar.
  const offer = page.getByRole('button', { name: 'Join and earn 20 points on this order' });
  await offer.waitFor();
  await offer.click();
}

describe('join at checkout', () => {
  it('a shopper with no account joins in the widget and earns points on this order', async () => {
    await openJoinForm();
    const phone = `628555${String(1000 + Math.floor(Math.random() * 9000))}`;
    await page.getByLabel('Mobile number').fill(`(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`);
    await page.getByLabel('First name (optional)').fill('Alex');
    await page.getByLabel('I agree to the programme terms').check();
    await shot('join-01-form');
    await page.getByRole('button', { name: 'Join and sign in' }).click();
    // The join ticket goes through the proxy's authorize and straight back: no Spendgo page.
    await page.getByText('Hi, Alex').waitFor();
    await page.getByText('0 points').waitFor();
    await shot('join-02-signed-in');
    await page.getByRole('button', { name: 'Pay' }).click();
    const orderId = await waitForOrder(page, 'completed');
    const joined = await member(await memberOfOrder(orderId));
    assert.deepEqual(
      joined.ledger.filter((e) => e.order_id === orderId).map((e) => [e.kind, e.units]),
      [['earn', 20]],
    );
    assert.equal(joined.member.balance, 20);
  });

  it('someone who already belongs is told so and offered sign-in, and nothing is created', async () => {
    await openJoinForm();
    await page.getByLabel('Mobile number').fill('415 555 0100'); // Jordan's
    await page.getByLabel('I agree to the programme terms').check();
    await page.getByRole('button', { name: 'Join and sign in' }).click();
    await page.getByRole('alert').getByText('already has a Spendgo account').waitFor();
    await shot('join-03-member-exists');
    const res = await fetch(`${SANDBOX}/__sandbox/requests?limit=1000`);
    const { requests } = (await res.json()) as { requests: { path: string }[] };
    assert.equal(requests.filter((r) => r.path === '/loyalty/accounts').length, 0);
    await page.getByRole('alert').getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
  });
});
