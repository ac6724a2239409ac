// A native app (client type `native`, RFC 8252) signs in and orders with no Origin: a loopback
// redirect on a port of its choosing, then member reads, a validated reward and an order its
// backend places. And the attacks on the boundary between apps and pages: one kind's redirect
// used by the other, a scheme on a web client, a page using an app's client, no PKCE, an app's
// guests checking out without limit.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  checkoutAs,
  freshRateWindow,
  guestCheckoutAs,
  inspectMember,
  login,
  memberFetch,
  orderOf,
  paidInFull,
  pkce,
  proxy,
  PROXY,
  resetSandbox,
  settle,
  SHOPS,
  signIn,
  tokenRequest,
} from './helpers';

const app = SHOPS.app;
const JORDAN = '1009029';
const manual = { redirect: 'manual' } as const;

beforeEach(resetSandbox);

async function startSignIn(clientId: string, redirectUri: string, params: Record<string, string | null> = {}) {
  const { challenge } = await pkce();
  return proxy.fetch(
    authorizeUrl({ client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, ...params }),
    manual,
  );
}

describe('a native app', () => {
  it('signs in through a loopback redirect, reads, validates a reward and earns on its order', async () => {
    const session = await signIn(JORDAN, app);
    const balance = await memberFetch(session, 'GET', '/v1/balance');
    expect(balance.status).toBe(200);
    const rewards = await memberFetch(session, 'GET', '/v1/rewards?store=999999');
    expect(rewards.status).toBe(200);
    const reward = (await rewards.json<{ rewards: { id: string; amount?: number }[] }>()).rewards[0]!;
    const basket = {
      store: '999999',
      source: 'mobileapp' as const,
      items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1, product_id: 'SALAD' }],
      subtotal: 21.5,
    };
    const checked = await checkoutAs(session, { ...basket, reward: { id: reward.id } });
    expect(checked.reward_applied).toBe(true);
    expect(checked.discount).toBeGreaterThan(0);

    const orderId = `app-${crypto.randomUUID().slice(0, 8)}`;
    await app.merchant.placed(orderId, orderOf(checked.checkout_id, basket));
    await app.merchant.billed(orderId, await paidInFull(orderId, app.merchant));
    await app.merchant.completed(orderId);
    const view = await settle(orderId, app.merchant);
    expect(view.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const earned = (await inspectMember(JORDAN)).ledger.filter((e) => e.order_id === orderId && e.kind === 'earn');
    expect(earned).toHaveLength(1);
    expect(earned[0]!.units).toBeGreaterThan(0);
  });

  it('may return on any loopback port, but only to the registered path', async () => {
    for (const port of ['1024', '49152', '65535']) {
      const ok = await startSignIn(app.clientId, `http://127.0.0.1:${port}/callback`);
      expect(ok.status, port).toBe(302);
      expect(ok.headers.get('Location')).toMatch(/\/oauth2\/v1\/auth\?/);
    }
    expect((await startSignIn(app.clientId, 'http://[::1]:50000/callback')).status).toBe(400);
    for (const uri of [
      'http://127.0.0.1:50000/other',
      'http://localhost:50000/callback',
      'http://127.0.0.1:50000/x/../callback',
      'http://user@127.0.0.1:50000/callback',
      'http://127.0.0.1.example:50000/callback',
    ])
      expect((await startSignIn(app.clientId, uri)).status, uri).toBe(400);
  });

  it('may return to its reverse-DNS scheme or its claimed https link, exactly', async () => {
    for (const uri of ['com.example.shop:/oauth2redirect', 'https://app.shop-a.test/oauth'])
      expect((await startSignIn(app.clientId, uri)).status, uri).toBe(302);
    for (const uri of ['com.example.shop:/other', 'com.evil.shop:/oauth2redirect', 'https://app.shop-a.test/oauth/x'])
      expect((await startSignIn(app.clientId, uri)).status, uri).toBe(400);
  });

  it('is refused without PKCE, back at its own redirect', async () => {
    const res = await proxy.fetch(
      authorizeUrl({ client_id: app.clientId, redirect_uri: app.redirect, code_challenge_method: null }),
      manual,
    );
    const back = new URL(res.headers.get('Location')!);
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:53682/callback');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('gets no token from a code redeemed on another loopback port', async () => {
    const { back, verifier, key } = await login(JORDAN, { shop: app });
    const res = await tokenRequest(
      {
        grant_type: 'authorization_code',
        code: back.searchParams.get('code')!,
        redirect_uri: 'http://127.0.0.1:40000/callback',
        code_verifier: verifier,
      },
      key,
      { shop: app },
    );
    expect(res.status).toBe(400);
    expect((await res.json<{ error: string }>()).error).toBe('invalid_grant');
  });

  it("is refused when a web page uses it: an app's token request or member call with an Origin", async () => {
    const { back, verifier, key } = await login(JORDAN, { shop: app });
    const params = {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: app.redirect,
      code_verifier: verifier,
    };
    const fromPage = await tokenRequest(params, key, { shop: app, origin: 'https://shop-a.test' });
    expect(fromPage.status).toBe(401);
    expect((await fromPage.json<{ error: string }>()).error).toBe('invalid_client');

    const session = await signIn(JORDAN, app);
    const read = await memberFetch(session, 'GET', '/v1/balance', { headers: { Origin: 'https://shop-a.test' } });
    expect(read.status).toBe(403);
    expect((await read.json<{ error: { code: string } }>()).error.code).toBe('origin_not_allowed');
  });
});

describe('redirects across kinds', () => {
  it("refuses a web client's redirect used by the native client, and the reverse", async () => {
    expect((await startSignIn(app.clientId, SHOPS.a.redirect)).status).toBe(400);
    expect((await startSignIn(SHOPS.a.clientId, 'http://127.0.0.1:53682/callback')).status).toBe(400);
    expect((await startSignIn(SHOPS.a.clientId, 'http://127.0.0.1/callback')).status).toBe(400);
  });

  it('refuses a scheme redirect on a web client', async () => {
    expect((await startSignIn(SHOPS.a.clientId, 'com.example.shop:/oauth2redirect')).status).toBe(400);
  });
});

describe("an app's guests", () => {
  const basket = {
    store: '999999',
    source: 'mobileapp',
    items: [{ label: 'Tea', unit_cost: 3, quantity: 1 }],
    subtotal: 3,
  };

  it('check out with no Origin, and a page naming the app is refused', async () => {
    expect((await guestCheckoutAs(basket, app)).checkout_id).toMatch(/^ck_/);
    const fromPage = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        Origin: 'https://shop-a.test',
      },
      body: JSON.stringify({ client_id: app.clientId, ...basket }),
    });
    expect(fromPage.status).toBe(403);
  });

  it('are limited per app and address: the 61st in a minute from one address is refused', async () => {
    await freshRateWindow();
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    // A store the app does not serve: refused after the limit is counted, with no Spendgo call.
    const attempt = () =>
      proxy.fetch(`${PROXY}/v1/checkout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), 'CF-Connecting-IP': ip },
        body: JSON.stringify({ client_id: app.clientId, ...basket, store: '100002' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 60).every((s) => s === 403)).toBe(true);
    expect(statuses[60]).toBe(429);
    // A web client's guests from the same address are not in the app's bucket.
    const web = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        'CF-Connecting-IP': ip,
        Origin: SHOPS.a.origin,
      },
      body: JSON.stringify({ client_id: SHOPS.a.clientId, ...basket }),
    });
    expect(web.status).toBe(200);
  });
});
