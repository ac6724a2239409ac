// A native app signs in and orders, as an iOS or Android app would: the demo app (oauth4webapi,
// with its own PKCE and DPoP) listens on a loopback port it picked, the system browser (here
// Chromium) walks Spendgo's sign-in pages and returns to that port, then the app reads the
// member's balance and rewards, validates a reward with no Origin, and the merchant backend
// places, bills and completes the order, which earns on Spendgo's side.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { memberCall, startSignIn } from '../demo/app/app-client.ts';
import { orderFromApp, type AppReward } from '../demo/app/app-order.ts';
import { priceLines } from '../demo/shop/catalogue.ts';
import { chooseMember, launch, member, orderCalls, PROXY, resetSandbox, SCREENSHOTS } from './browser.ts';

const BACKEND = 'http://127.0.0.1:8789';
let browser: Browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});
beforeEach(resetSandbox);

describe('a native app', () => {
  it('signs in through a loopback redirect, validates a reward and earns on the order its backend places', async () => {
    const started = await startSignIn(PROXY, 'demo-app');
    const loopback = new URL(new URL(started.url).searchParams.get('redirect_uri')!);
    assert.equal(loopback.hostname, '127.0.0.1');
    assert.notEqual(loopback.port, '');

    // The system browser: Spendgo's pages, then back to the app's port.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(started.url);
    await chooseMember(page, 'Jordan');
    await page.waitForURL((url) => url.host === loopback.host);
    await page.getByText('You can go back to the app now.').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/native-app-returned.png` });
    await context.close();
    const session = await started.session;
    assert.equal(session.givenName, 'Jordan');

    const balance = await memberCall<{ points: number }>(PROXY, session, 'GET', '/v1/balance');
    assert.equal(balance.status, 200);
    const rewards = await memberCall<{ rewards: AppReward[] }>(PROXY, session, 'GET', '/v1/rewards?store=999999');
    assert.equal(rewards.status, 200);
    assert.ok(rewards.body.rewards.length > 0);

    const lines = [{ product_id: 'SALAD', quantity: 1 }];
    const order = await orderFromApp({
      proxyUrl: PROXY,
      backendUrl: BACKEND,
      session,
      store: '999999',
      lines,
      priced: priceLines(lines)!,
      rewards: rewards.body.rewards,
    });
    assert.ok(order.rewardLabel, 'a reward applied');
    assert.ok(order.discount > 0);
    assert.equal(order.status, 'completed');
    // Billed and completed reach Spendgo from the order's outbox, just after the backend's answer.
    const expected = [`placed ${order.orderId}`, `billed ${order.orderId}`, `completed ${order.orderId}`];
    let calls: string[] = [];
    for (let i = 0; i < 100 && calls.length < expected.length; i++) {
      calls = (await orderCalls()).filter((c) => c.endsWith(order.orderId));
      if (calls.length < expected.length) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(calls, expected);
    const jordan = await member('1009029');
    assert.equal(jordan.ledger.filter((e) => e.order_id === order.orderId && e.kind === 'earn').length, 1);
  });
});
