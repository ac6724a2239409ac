// POST /v1/checkout: validation against Spendgo for members and guests, once per
// Idempotency-Key, with the answer stored for the order lifecycle.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutResponse } from '../../shared/wire';
import {
  cart,
  CLIENT_ID,
  memberFetch,
  ORIGIN,
  proxy,
  PROXY,
  resetSandbox,
  setFaults,
  signIn,
  SHOPS,
  upstreamCalls,
  type Session,
} from './helpers';

beforeEach(resetSandbox);

const checkoutCalls = async () => (await upstreamCalls()).filter((c) => c.path.endsWith('/orders'));

function memberCheckout(session: Session, body: object, key: string = crypto.randomUUID()) {
  return memberFetch(session, 'POST', '/v1/checkout', { body, headers: { 'Idempotency-Key': key } });
}

function guestCheckout(body: object, key: string = crypto.randomUUID(), origin = ORIGIN) {
  return proxy.fetch(`${PROXY}/v1/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, Origin: origin },
    body: JSON.stringify({ client_id: CLIENT_ID, ...body }),
  });
}

describe('members', () => {
  it('validates a reward and returns Spendgo’s discount with a checkout id', async () => {
    const res = await memberCheckout(await signIn('1009029'), { ...cart, reward: { id: '2234402' } });
    expect(res.status).toBe(200);
    const body = await res.json<CheckoutResponse>();
    expect(body).toMatchObject({ discount: 5, reward_applied: true, reason: null, message: null, currency: 'USD' });
    expect(body.checkout_id).toMatch(/^ck_[0-9a-f]{64}$/);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
  });

  it('passes Spendgo’s customer-facing message, with a stable reason, when the reward does not apply', async () => {
    const res = await memberCheckout(await signIn('1009029'), { ...cart, reward: { id: 'A18' } });
    expect(await res.json()).toMatchObject({
      discount: 0,
      reward_applied: false,
      reason: 'reward_not_applied',
      message: 'Add a cookie to your order to use Free Cookie.',
    });
  });

  it('lets a Shop With Points member use part of the value, and refuses more than the balance', async () => {
    const session = await signIn('1009032', SHOPS.market);
    const part = await memberCheckout(session, { ...cart, reward: { id: 'P_SWP', amount: 7.5 } });
    expect(await part.json()).toMatchObject({ discount: 7.5, reward_applied: true });
    const over = await memberCheckout(session, { ...cart, reward: { id: 'P_SWP', amount: 25 } });
    expect(await over.json()).toMatchObject({
      discount: 0,
      reward_applied: false,
      reason: 'reward_not_applied',
      message: expect.stringContaining('$20.00'),
    });
  });

  it('with no reward validates the cart and discounts nothing', async () => {
    const res = await memberCheckout(await signIn('1009033'), cart);
    expect(await res.json()).toMatchObject({ discount: 0, reward_applied: false, reason: null, message: null });
  });
});

describe('guests', () => {
  it('check out with the client id and no sign-in', async () => {
    const res = await guestCheckout(cart);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ discount: 0, reward_applied: false });
    expect((await checkoutCalls())[0]?.path).toBe('/loyalty/accounts/guest/orders');
  });

  it.each([
    ['a reward', { ...cart, reward: { id: '2234402' } }, 422, 'reward_requires_member'],
    ['no client id', { ...cart, client_id: undefined }, 400, 'unknown_client'],
    ['an unknown client id', { ...cart, client_id: 'nobody' }, 400, 'unknown_client'],
  ])('are refused with %s', async (_, body, status, code) => {
    const res = await guestCheckout(body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect(await checkoutCalls()).toEqual([]);
  });

  it('are refused from an origin not registered for the client', async () => {
    const res = await guestCheckout(cart, undefined, 'https://shop-b.test');
    expect(res.status).toBe(403);
    expect(await checkoutCalls()).toEqual([]);
  });
});

describe('input rules', () => {
  it.each([
    ['a store not enabled for the client', { ...cart, store: '100002' }, 403, 'store_not_allowed'],
    ['a subtotal that is not the items’ total', { ...cart, subtotal: 1 }, 422, 'cart_mismatch'],
    ['no items', { ...cart, items: [] }, 400, 'invalid_request'],
    ['a negative price', { ...cart, items: [{ label: 'X', unit_cost: -1, quantity: 1 }] }, 400, 'invalid_request'],
    ['two rewards', { ...cart, reward: [{ id: '1' }, { id: '2' }] }, 400, 'invalid_request'],
    ['an unknown field', { ...cart, discount: 100 }, 400, 'invalid_request'],
  ])('refuses %s without calling Spendgo', async (_, body, status, code) => {
    const res = await memberCheckout(await signIn('1009029'), body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect(await checkoutCalls()).toEqual([]);
  });

  it('requires an Idempotency-Key', async () => {
    const session = await signIn('1009029');
    const res = await memberFetch(session, 'POST', '/v1/checkout', { body: cart });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'idempotency_key_required' } });
  });

  it('requires a JSON body (a cross-site form cannot post one without a preflight)', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': 'k1', Origin: ORIGIN },
      body: JSON.stringify({ client_id: CLIENT_ID, ...cart }),
    });
    expect(res.status).toBe(415);
  });
});

describe('idempotency', () => {
  it('answers the same key and body from the record, without a second Spendgo call', async () => {
    const session = await signIn('1009029');
    const body = { ...cart, reward: { id: '2234402' } };
    const first = await (await memberCheckout(session, body, 'key-1')).json();
    const second = await (await memberCheckout(session, body, 'key-1')).json();
    expect(second).toEqual(first);
    expect(await checkoutCalls()).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    const session = await signIn('1009029');
    await memberCheckout(session, cart, 'key-2');
    const res = await memberCheckout(session, { ...cart, reward: { id: '2234402' } }, 'key-2');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });

  it('keeps keys apart per member: one member’s key does not answer another', async () => {
    const a = await (await memberCheckout(await signIn('1009029'), cart, 'shared-key')).json<CheckoutResponse>();
    const b = await (await memberCheckout(await signIn('1009033'), cart, 'shared-key')).json<CheckoutResponse>();
    expect(b.checkout_id).not.toBe(a.checkout_id);
  });

  it('makes one Spendgo call for 50 concurrent identical requests', async () => {
    const session = await signIn('1009029');
    const body = { ...cart, reward: { id: '2234402' } };
    await setFaults({ latency_ms: 50 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => memberCheckout(session, body, 'burst')));
    const bodies = await Promise.all(answers.map((r) => r.json<CheckoutResponse>()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies.map((b) => b.checkout_id)).size).toBe(1);
    expect(await checkoutCalls()).toHaveLength(1);
  });

  it('retries through a Spendgo 5xx; a failure is not stored, so the same key works later', async () => {
    const session = await signIn('1009029');
    await setFaults({ sequence: ['error'] });
    expect((await memberCheckout(session, cart, 'k-retry')).status).toBe(200);
    await setFaults({ error_rate: 1 });
    const down = await memberCheckout(session, cart, 'k-down');
    expect(down.status).toBe(503);
    await setFaults({});
    expect((await memberCheckout(session, cart, 'k-down')).status).toBe(200);
  });
});

describe('expiry', () => {
  it('answers a repeat from the record while valid, and validates again once expired', async () => {
    const stub = env.CHECKOUTS.get(env.CHECKOUTS.idFromName('expiry-test'));
    const command = {
      requestHash: 'same',
      clientId: CLIENT_ID,
      account: 'default',
      memberId: null,
      cart: { ...cart, source: 'web' as const },
      reward: null,
      cartFingerprint: 'f',
      currency: 'USD',
    };
    const longAgo = Math.floor(Date.now() / 1000) - 3600;
    const first = await stub.checkout({ ...command, now: longAgo });
    const again = await stub.checkout({ ...command, now: longAgo + 60 });
    const later = await stub.checkout({ ...command, now: Math.floor(Date.now() / 1000) });
    if (!first.ok || !again.ok || !later.ok) throw new Error('checkout failed');
    expect(again.value).toEqual(first.value);
    expect(later.value.checkout_id).toBe(first.value.checkout_id);
    expect(Date.parse(later.value.expires_at)).toBeGreaterThan(Date.now());
    expect(await checkoutCalls()).toHaveLength(2);
  });
});

describe('the stored record', () => {
  it('keeps the validated discount, member, store and cart fingerprint for the order lifecycle', async () => {
    const res = await memberCheckout(await signIn('1009029'), { ...cart, reward: { id: '2234402' } }, 'rec-1');
    const { checkout_id } = await res.json<CheckoutResponse>();
    const stub = env.CHECKOUTS.get(env.CHECKOUTS.idFromString(checkout_id.slice(3)));
    const record = await stub.record();
    expect(record).toMatchObject({
      checkoutId: checkout_id,
      clientId: 'shop-a',
      memberId: '1009029',
      store: '999999',
      rewardId: '2234402',
      discount: 5,
    });
    expect(record?.cartFingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the request log', () => {
  /** The request log lines written while `work` runs, for `path`. */
  async function logged(path: string, work: () => Promise<unknown>): Promise<{ upstream_attempts: number }[]> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'info').mockImplementation((line: unknown) => {
      if (typeof line === 'string') lines.push(line);
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return lines
      .map((l) => JSON.parse(l) as { msg?: string; path?: string; upstream_attempts: number })
      .filter((l) => l.msg === 'request' && l.path === path);
  }

  it('counts the Spendgo calls a checkout made (in its Durable Object), and none for a repeat', async () => {
    const session = await signIn('1009029');
    const key = crypto.randomUUID();
    const body = { ...cart, reward: { id: '2234402' } };
    const first = await logged('/v1/checkout', () => memberCheckout(session, body, key));
    // rewards-by-store for the reward's value, then checkout
    expect(first.map((l) => l.upstream_attempts)).toEqual([2]);
    const repeat = await logged('/v1/checkout', () => memberCheckout(session, body, key));
    expect(repeat.map((l) => l.upstream_attempts)).toEqual([0]);
  });
});
