// The merchant lifecycle API end to end against the sandbox: signatures, the state machine,
// idempotency, checkout rules, delivery in order, dead letters and re-drive.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { MerchantApiError } from '../../merchant/client';
import { CLIENT_HEADER, SIGNATURE_HEADER, signMerchantRequest } from '../../shared/merchant-signature';
import type { CheckoutResponse } from '../../shared/wire';
import { readConfig } from '../src/env';
import { spendgoClient } from '../src/spendgo/for-account';
import { spendgoOrderBody } from '../src/spendgo/order-body';
import type { Cart } from '../src/checkout/cart';
import {
  cart,
  CLIENT_ID,
  merchant,
  MERCHANT_SECRET,
  inspectMember,
  memberFetch,
  orderOf,
  proxy,
  PROXY,
  resetSandbox,
  card,
  paidInFull,
  setFaults,
  settle,
  signIn,
  SHOPS,
  upstreamCalls,
  type Shop,
} from './helpers';

beforeEach(resetSandbox);

async function memberCheckout(
  member: string,
  body: object = { ...cart, reward: { id: '2234402' } },
  shop: Shop = SHOPS.a,
): Promise<CheckoutResponse> {
  const res = await memberFetch(await signIn(member, shop), 'POST', '/v1/checkout', {
    body,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  return res.json<CheckoutResponse>();
}

/** An in-store order a shop's POS sends Spendgo directly, outside the proxy: each call a status. */
function inStore(
  member: string,
  body: Omit<Cart, 'source'>,
  reward: { id: string; discount: number },
  orderId: string,
): (status: 'placed' | 'billed' | 'voided') => Promise<void> {
  const config = readConfig(env);
  if (!config.ok) throw new Error('test configuration invalid');
  const account = config.value.accounts.get('default')!;
  const spendgo = spendgoClient(config.value, account, env);
  return async (status) => {
    const order = spendgoOrderBody(
      { source: 'instore', ...body },
      { status, brand: account.accountId, orderId, reward, payments: [card(10)] },
    );
    const result = await spendgo.order(member, status, order);
    if (!result.ok) throw new Error(`in-store ${status} refused: ${JSON.stringify(result.error)}`);
  };
}

const orderCalls = async (orderId: string) => (await upstreamCalls()).filter((c) => c.detail.endsWith(` ${orderId}`));

describe('a member order through the lifecycle', () => {
  it('placed → billed → completed: reward consumed, points earned on the discounted subtotal', async () => {
    const { checkout_id } = await memberCheckout('1009029');
    expect((await merchant.placed('A-1', orderOf(checkout_id))).event.state).toBe('pending');
    await merchant.billed('A-1', { payments: [{ tender: 'credit', issuer: 'visa', amount: 16.5 }] });
    await merchant.completed('A-1');
    const view = await settle('A-1');
    expect(view).toMatchObject({
      status: 'completed',
      discount: 5,
      reward_id: '2234402',
      guest: false,
      transaction_id: expect.stringMatching(/^\d+$/),
    });
    expect(view.events.map((e) => [e.type, e.state])).toEqual([
      ['placed', 'delivered'],
      ['billed', 'delivered'],
      ['completed', 'delivered'],
    ]);
    const member = await inspectMember('1009029');
    // 40 + floor(21.50 − 5) = 56 → a $5 Off is issued for 50 points.
    expect(member.member.balance).toBe(6);
    expect((await orderCalls('A-1')).map((c) => c.detail)).toEqual(['placed A-1', 'billed A-1', 'completed A-1']);
  });

  it('voided after billing returns the reward', async () => {
    const { checkout_id } = await memberCheckout('1009029');
    await merchant.placed('V-1', orderOf(checkout_id));
    await merchant.billed('V-1', await paidInFull('V-1'));
    await merchant.voided('V-1', { reason: 'payment failed' });
    const view = await settle('V-1');
    expect(view.status).toBe('voided');
    const member = await inspectMember('1009029');
    expect(member.copies.filter((c) => c.rewardId === '2234402' && c.state === 'available')).toHaveLength(2);
  });

  it('refunded after completion sends Spendgo the billed transaction id and reverses the points', async () => {
    const { checkout_id } = await memberCheckout('1009029');
    await merchant.placed('R-1', orderOf(checkout_id));
    await merchant.billed('R-1', await paidInFull('R-1'));
    await merchant.completed('R-1');
    await merchant.refunded('R-1');
    const view = await settle('R-1');
    expect(view.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect((await inspectMember('1009029')).member.balance).toBe(40);
  });

  it('a guest order goes through without a member', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'g1', Origin: 'https://shop-a.test' },
      body: JSON.stringify({ ...cart, client_id: CLIENT_ID }),
    });
    const { checkout_id } = await res.json<CheckoutResponse>();
    await merchant.placed('G-1', orderOf(checkout_id));
    await merchant.billed('G-1', await paidInFull('G-1'));
    await merchant.completed('G-1');
    const view = await settle('G-1');
    expect(view).toMatchObject({ guest: true, status: 'completed', discount: 0 });
    expect((await orderCalls('G-1'))[0]?.path).toBe('/loyalty/accounts/guest/orders');
  });
});

describe('placed is checked against its checkout', () => {
  it('uses the validated discount; a higher one is 422', async () => {
    const { checkout_id } = await memberCheckout('1009029');
    await expect(merchant.placed('P-1', orderOf(checkout_id, cart, { rewardDiscount: 6 }))).rejects.toMatchObject({
      status: 422,
      code: 'discount_too_high',
    });
    await expect(
      merchant.placed('P-1', orderOf(checkout_id, cart, { rewardDiscount: 4 }), { idempotencyKey: 'p1-b' }),
    ).rejects.toMatchObject({
      status: 422,
    });
    const ok = await merchant.placed('P-1', orderOf(checkout_id, cart, { tax: 1.9, tip: 2 }), {
      idempotencyKey: 'p1-final',
    });
    // The order view tells the backend what to charge: 21.50 − 5 + 1.90 + 2.
    expect(ok.order).toMatchObject({
      subtotal: 21.5,
      validated_discount: 5,
      discount: 5,
      tax: 1.9,
      tip: 2,
      total: 20.4,
    });
  });

  it('a Shop With Points discount may go lower, never higher', async () => {
    const market = SHOPS.market;
    const swp = { ...cart, reward: { id: 'P_SWP', amount: 10 } };
    const { checkout_id, discount } = await memberCheckout('1009032', swp, market);
    expect(discount).toBe(10);
    await expect(
      market.merchant.placed('S-1', orderOf(checkout_id, cart, { rewardDiscount: 10.01 })),
    ).rejects.toMatchObject({ code: 'discount_too_high' });
    const placed = await market.merchant.placed('S-1', orderOf(checkout_id, cart, { rewardDiscount: 6 }), {
      idempotencyKey: 's1-b',
    });
    expect(placed.order).toMatchObject({ validated_discount: 10, discount: 6, total: 15.5 });
    await market.merchant.billed('S-1', await paidInFull('S-1', market.merchant));
    await settle('S-1', market.merchant);
    expect((await inspectMember('1009032')).member.balance).toBe(1400);
  });

  it('a changed cart needs a new checkout (409 recheckout_required)', async () => {
    const { checkout_id } = await memberCheckout('1009029');
    const changed = {
      type: 'placed',
      checkout_id,
      store: cart.store,
      items: [{ label: 'Salad', unit_cost: 21.5, quantity: 2 }],
      subtotal: 43,
      payments: [card(43)],
    };
    const res = await signedPost('/v1/orders/C-1/events', changed, 'c1');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'recheckout_required' } });
  });

  it.each([
    ['an unknown checkout', `ck_${'0'.repeat(64)}`],
    ['a malformed checkout id', 'ck_nothex'],
  ])('%s is refused', async (_, checkoutId) => {
    await expect(merchant.placed('U-1', orderOf(checkoutId))).rejects.toBeInstanceOf(MerchantApiError);
    expect(await orderCalls('U-1')).toEqual([]);
  });

  it('another client’s checkout is not found', async () => {
    const checkout = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'b1', Origin: 'https://shop-b.test' },
      body: JSON.stringify({
        client_id: 'shop-b',
        store: '100002',
        items: [{ label: 'Tea', unit_cost: 3, quantity: 1 }],
        subtotal: 3,
      }),
    });
    const { checkout_id } = await checkout.json<CheckoutResponse>();
    await expect(merchant.placed('X-1', orderOf(checkout_id))).rejects.toMatchObject({
      status: 404,
      code: 'checkout_not_found',
    });
  });

  it('an expired checkout must be validated again', async () => {
    const stub = env.CHECKOUTS.get(env.CHECKOUTS.idFromName('expired-test'));
    const old = Math.floor(Date.now() / 1000) - 3 * 3600;
    const result = await stub.checkout({
      requestHash: 'h',
      clientId: CLIENT_ID,
      account: 'default',
      memberId: null,
      cart: { ...cart, source: 'web' },
      reward: null,
      cartFingerprint: 'f',
      currency: 'USD',
      now: old,
    });
    if (!result.ok) throw new Error('checkout failed');
    await expect(merchant.placed('E-1', orderOf(result.value.checkout_id))).rejects.toMatchObject({
      status: 409,
      code: 'checkout_expired',
    });
  });
});

describe('the state machine and idempotency', () => {
  it('refuses an illegal step with 409, the current state, and no Spendgo call', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    await merchant.placed('T-1', orderOf(checkout_id));
    await settle('T-1');
    const error = await merchant.completed('T-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'invalid_transition', order: { status: 'placed' } });
    await merchant.voided('T-1');
    await expect(merchant.refunded('T-1')).rejects.toMatchObject({ status: 409 });
    await settle('T-1');
    expect((await orderCalls('T-1')).map((c) => c.detail)).toEqual(['placed T-1', 'voided T-1']);
  });

  it('an event for an order that was never placed is 404', async () => {
    await expect(merchant.billed('nope', { payments: [card(10)] })).rejects.toMatchObject({
      status: 404,
      code: 'order_not_found',
    });
  });

  it('a repeated event is idempotent: same key replays, a new key gets the accepted event', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    const first = await merchant.placed('I-1', orderOf(checkout_id));
    const replay = await merchant.placed('I-1', orderOf(checkout_id));
    expect(replay.event.seq).toBe(first.event.seq);
    const again = await signedPost(
      '/v1/orders/I-1/events',
      {
        type: 'placed',
        checkout_id,
        store: cart.store,
        items: cart.items,
        subtotal: cart.subtotal,
        payments: [card(cart.subtotal)],
      },
      'another-key',
    );
    expect(again.status).toBe(200);
    const reused = await signedPost(
      '/v1/orders/I-1/events',
      { type: 'billed', payments: [card(cart.subtotal)] },
      'I-1:placed',
    );
    expect(reused.status).toBe(422);
    await settle('I-1');
    expect(await orderCalls('I-1')).toHaveLength(1);
  });

  it('50 concurrent identical events make one Spendgo call', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    await merchant.placed('K-1', orderOf(checkout_id));
    const charged = await paidInFull('K-1');
    const answers = await Promise.all(Array.from({ length: 50 }, () => merchant.billed('K-1', charged)));
    expect(new Set(answers.map((a) => a.event.seq)).size).toBe(1);
    await settle('K-1');
    expect((await orderCalls('K-1')).map((c) => c.detail)).toEqual(['placed K-1', 'billed K-1']);
  });
});

describe('delivery', () => {
  it('retries through failures and delivers once', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    const before = (await upstreamCalls()).length;
    await setFaults({ sequence: ['error', 'rate_limit', 'drop'] });
    await merchant.placed('D-1', orderOf(checkout_id));
    const view = await settle('D-1');
    expect(view.events[0]).toMatchObject({ state: 'delivered', attempts: 4 });
    const calls = (await upstreamCalls()).slice(before);
    expect(calls.map((c) => c.status)).toEqual([500, 429, 502, 200]);
  });

  it('dead-letters a Spendgo refusal with its reason, holds later events, and delivers after a re-drive', async () => {
    const sandwiches = {
      ...cart,
      items: [{ label: 'Sandwich', unit_cost: 9, quantity: 2, categories: ['sandwich'] }],
      subtotal: 18,
    };
    const { checkout_id } = await memberCheckout('1009029', { ...sandwiches, reward: { id: '2234420' } });
    await merchant.placed('Q-1', orderOf(checkout_id, sandwiches));
    await settle('Q-1');
    // The member redeems their only BOGO reward in store before this order is billed: the shop's
    // POS talks to Spendgo itself, so no hold of the proxy's covers it, and billing is refused.
    const pos = inStore('1009029', sandwiches, { id: '2234420', discount: 9 }, 'POS-1');
    await pos('placed');
    await pos('billed');
    await merchant.billed('Q-1', await paidInFull('Q-1'));
    await merchant.completed('Q-1');
    const stuck = await settle('Q-1');
    expect(stuck.events.map((e) => e.state)).toEqual(['delivered', 'dead_lettered', 'pending']);
    expect(stuck.events[1]?.last_error).toContain('Reward could not be applied');
    expect(stuck.events[2]?.last_error).toContain('re-drive');
    // The store voids its in-store order (returning the reward) and the merchant re-drives.
    await pos('voided');
    await merchant.redrive('Q-1', 2);
    const done = await settle('Q-1');
    expect(done.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('dead-letters a call whose answer was lost, says it may be applied, and a re-drive does not apply it twice', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    await merchant.placed('L-1', orderOf(checkout_id));
    await merchant.billed('L-1', await paidInFull('L-1'));
    await settle('L-1');
    // Spendgo applies `completed` (the points are earned) but the answer is lost; every later attempt fails.
    await setFaults({ sequence: ['drop', ...Array<'error'>(9).fill('error')] });
    await merchant.completed('L-1');
    const stuck = await settle('L-1');
    expect(stuck.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'dead_lettered']);
    expect(stuck.events[2]?.last_error).toContain('Spendgo may have applied it');
    expect(
      (await inspectMember('1009033')).ledger.filter((e) => e.order_id === 'L-1' && e.kind === 'earn'),
    ).toHaveLength(1);
    await setFaults({});
    await merchant.redrive('L-1', 3);
    const done = await settle('L-1');
    expect(done.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const ledger = (await inspectMember('1009033')).ledger.filter((e) => e.order_id === 'L-1');
    expect(ledger.filter((e) => e.kind === 'earn')).toHaveLength(1);
  });

  it('gives up after the attempt limit with the last error', async () => {
    const { checkout_id } = await memberCheckout('1009033', cart);
    await setFaults({ error_rate: 1 });
    await merchant.placed('Z-1', orderOf(checkout_id));
    const view = await settle('Z-1');
    expect(view.events[0]).toMatchObject({ state: 'dead_lettered', attempts: 10 });
    expect(view.events[0]?.last_error).toMatch(/Gave up after 10 attempts; last: Spendgo unavailable \(HTTP 500\)/);
    await setFaults({});
    await merchant.redrive('Z-1', 1);
    expect((await settle('Z-1')).events[0]?.state).toBe('delivered');
  });
});

async function signedPost(
  path: string,
  body: object,
  idempotencyKey: string,
  overrides: { secret?: string; skew?: number; headers?: Record<string, string> } = {},
) {
  const text = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000) + (overrides.skew ?? 0);
  const signed = { method: 'POST', pathAndQuery: path, clientId: CLIENT_ID, idempotencyKey, body: text };
  return proxy.fetch(`${PROXY}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
      [CLIENT_HEADER]: CLIENT_ID,
      [SIGNATURE_HEADER]: await signMerchantRequest(overrides.secret ?? MERCHANT_SECRET, signed, t),
      ...overrides.headers,
    },
    body: text,
  });
}

describe('merchant authentication', () => {
  it('matches an independently computed signature (HMAC-SHA256 of t.nonce.METHOD.path.client.key.body)', async () => {
    const header = await signMerchantRequest(
      'whsec-test-secret-0123456789',
      {
        method: 'POST',
        pathAndQuery: '/v1/orders/A-1/events',
        clientId: 'shop-a',
        idempotencyKey: 'A-1:completed',
        body: '{"type":"completed"}',
      },
      1795000000,
      '0123456789abcdef0123456789abcdef',
    );
    // Python: hmac.new(secret, b'1795000000.0123…cdef.POST./v1/orders/A-1/events.shop-a.A-1:completed.{"type":"completed"}', sha256)
    expect(header).toBe(
      't=1795000000,n=0123456789abcdef0123456789abcdef,v1=13c18da16db390d27cf34e79bf0300671cfdd00655fd49351e34320cc7caccd9',
    );
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-merchant-secret-000' }],
    ['a timestamp 301 s old', { skew: -301 }],
    ['a timestamp 301 s ahead', { skew: 301 }],
    ['no signature', { headers: { [SIGNATURE_HEADER]: '' } }],
    ['another client id', { headers: { [CLIENT_HEADER]: 'shop-b' } }],
  ])('refuses %s with 401 and no Spendgo call', async (_, overrides) => {
    const res = await signedPost('/v1/orders/F-1/events', { type: 'completed' }, 'f1', overrides);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    expect(await upstreamCalls()).toEqual([]);
  });

  it('refuses a signature for another body (tampering)', async () => {
    const t = Math.floor(Date.now() / 1000);
    const res = await proxy.fetch(`${PROXY}/v1/orders/F-2/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'f2',
        [CLIENT_HEADER]: CLIENT_ID,
        [SIGNATURE_HEADER]: await signMerchantRequest(
          MERCHANT_SECRET,
          {
            method: 'POST',
            pathAndQuery: '/v1/orders/F-2/events',
            clientId: CLIENT_ID,
            idempotencyKey: 'f2',
            body: '{"type":"voided"}',
          },
          t,
        ),
      },
      body: '{"type":"refunded"}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a browser: a widget token or an Origin header is 403 even with a valid signature', async () => {
    const session = await signIn('1009029');
    const withToken = await memberFetch(session, 'POST', '/v1/orders/F-3/events', {
      body: { type: 'billed' },
      headers: { 'Idempotency-Key': 'f3' },
    });
    expect(withToken.status).toBe(403);
    const withOrigin = await signedPost('/v1/orders/F-3/events', { type: 'billed' }, 'f3', {
      headers: { Origin: 'https://shop-a.test' },
    });
    expect(withOrigin.status).toBe(403);
    const preflight = await proxy.fetch(`${PROXY}/v1/orders/F-3/events`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop-a.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // Every path under the merchant API needs a signature: an unsigned probe cannot tell which exist.
    const probe = await proxy.fetch(`${PROXY}/v1/orders/F-3/nope`);
    expect(probe.status).toBe(401);
    expect(await probe.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    expect((await upstreamCalls()).filter((c) => c.path.endsWith('/orders'))).toEqual([]);
  });
});
