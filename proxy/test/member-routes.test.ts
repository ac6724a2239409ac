// GET /v1/balance and /v1/rewards: normalised shapes per program, store rules, and no way to
// name another member (trust boundary 2).

import { beforeEach, describe, expect, it } from 'vitest';
import type { Balance, Rewards } from '../../shared/wire';
import { memberFetch, proxy, PROXY, resetSandbox, setFaults, signIn, SHOPS, upstreamCalls, ORIGIN } from './helpers';

beforeEach(resetSandbox);

describe('balance', () => {
  it.each([
    ['1009029', SHOPS.a, { program: 'points', units: 'points', balance: 40, threshold: 50, label: '$5 Off' }],
    ['1009030', SHOPS.bakery, { program: 'visits', units: 'visits', balance: 6, threshold: 8 }],
    ['1009031', SHOPS.grill, { program: 'points_banking', balance: 250, threshold: null }],
    ['1009032', SHOPS.market, { program: 'shop_with_points', balance: 2000, threshold: null }],
    ['1009033', SHOPS.a, { program: 'points', balance: 0, rewards: [] }],
  ])('member %s', async (member, shop, expected) => {
    const res = await memberFetch(await signIn(member, shop), 'GET', '/v1/balance');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toMatchObject(expected);
  });

  it('normalises reward kinds and expiry from Spendgo’s capitalised balance offers', async () => {
    const body = await (await memberFetch(await signIn('1009029'), 'GET', '/v1/balance')).json<Balance>();
    const fiveOff = body.rewards.find((r) => r.label === '$5 Off');
    expect(fiveOff).toMatchObject({ kind: 'amount_off', value: 5, quantity: 2, points_reward: false });
    expect(fiveOff?.expires_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.rewards.find((r) => r.label === 'Free Cookie')).toMatchObject({ kind: 'free_item', expires_on: null });
  });

  it('Shop With Points carries its value per point', async () => {
    const session = await signIn('1009032', SHOPS.market);
    const body = await (await memberFetch(session, 'GET', '/v1/balance')).json<Balance>();
    expect(body.rewards).toEqual([
      expect.objectContaining({ value: 20, points: 2000, value_per_point: 0.01, points_reward: true }),
    ]);
  });
});

describe('rewards by store', () => {
  it('lists what the member can redeem at an enabled store', async () => {
    const res = await memberFetch(await signIn('1009029'), 'GET', '/v1/rewards?store=999999');
    const body = await res.json<Rewards>();
    expect(body.store).toBe('999999');
    expect(body.rewards.map((r) => r.id).sort()).toEqual(['2234402', '2234410', '2234420', 'A18']);
  });

  it('marks Points Banking tiers as points rewards, each with its points cost (from the balance)', async () => {
    const session = await signIn('1009031', SHOPS.grill);
    const body = await (await memberFetch(session, 'GET', '/v1/rewards?store=999999')).json<Rewards>();
    expect(body.rewards.map((r) => [r.id, r.points_reward, r.points, r.value_per_point])).toEqual([
      ['P_PB100', true, 100, null],
      ['P_PB200', true, 200, null],
    ]);
  });

  it('gives Shop With Points its spendable points and value per point, so part of it can be used', async () => {
    const session = await signIn('1009032', SHOPS.market);
    const body = await (await memberFetch(session, 'GET', '/v1/rewards?store=999999')).json<Rewards>();
    expect(body.rewards).toEqual([
      expect.objectContaining({ id: 'P_SWP', value: 20, points: 2000, value_per_point: 0.01, points_reward: true }),
    ]);
  });

  it('asks Spendgo for the balance only when there are points rewards to complete', async () => {
    await memberFetch(await signIn('1009029'), 'GET', '/v1/rewards?store=999999');
    expect((await upstreamCalls()).filter((c) => c.path.endsWith('/balance'))).toEqual([]);
  });

  it.each([
    ['a store not enabled for the client', '/v1/rewards?store=100002', 403, 'store_not_allowed'],
    ['no store', '/v1/rewards', 400, 'invalid_request'],
    ['a malformed store', '/v1/rewards?store=99%2F99', 400, 'invalid_request'],
  ])('refuses %s without calling Spendgo', async (_, path, status, code) => {
    const res = await memberFetch(await signIn('1009029'), 'GET', path);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect((await upstreamCalls()).filter((c) => c.path.includes('/rewards'))).toEqual([]);
  });
});

describe('Spendgo failing', () => {
  it('retries a read through a 5xx and a 429', async () => {
    const session = await signIn('1009029');
    await setFaults({ sequence: ['error', 'rate_limit'] });
    const res = await memberFetch(session, 'GET', '/v1/balance');
    expect(res.status).toBe(200);
    expect((await upstreamCalls()).filter((c) => c.path.endsWith('/balance')).map((c) => c.status)).toEqual([
      500, 429, 200,
    ]);
  });

  it('answers 503 upstream_unavailable, retryable, when Spendgo stays down', async () => {
    const session = await signIn('1009029');
    await setFaults({ error_rate: 1 });
    const res = await memberFetch(session, 'GET', '/v1/balance');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('1');
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 'upstream_unavailable',
        message: expect.any(String),
        retryable: true,
        request_id: expect.any(String),
      },
    });
    expect(body).not.toContain('injected');
  });
});

describe('no other member can be named', () => {
  const other = '1009033';
  const attempts: [string, string, Record<string, string>][] = [
    ['a query parameter', `/v1/balance?member=${other}&spendgo_id=${other}&id=${other}`, {}],
    ['a header', '/v1/balance', { 'X-Member-Id': other, 'X-Spendgo-Id': other }],
    ['a path segment', `/v1/balance/${other}`, {}],
    ['a rewards query', `/v1/rewards?store=999999&member=${other}`, {}],
  ];
  it.each(attempts)('through %s', async (_, path, headers) => {
    const res = await memberFetch(await signIn('1009029'), 'GET', path, { headers });
    const calls = await upstreamCalls();
    expect(calls.some((c) => c.path.includes(other))).toBe(false);
    if (res.status === 200) expect(JSON.stringify(await res.json())).not.toContain('Sam');
  });

  it('through the checkout body', async () => {
    const session = await signIn('1009029');
    for (const smuggled of [{ member_id: other }, { spendgo_id: other }, { member: other }]) {
      const res = await memberFetch(session, 'POST', '/v1/checkout', {
        body: { store: '999999', items: [{ label: 'Salad', unit_cost: 12, quantity: 1 }], subtotal: 12, ...smuggled },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      expect(res.status).toBe(400);
    }
    expect((await upstreamCalls()).some((c) => c.path.includes(other))).toBe(false);
  });

  it('without a token at all', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/balance?member=${other}`, { headers: { Origin: ORIGIN } });
    expect(res.status).toBe(401);
    expect((await upstreamCalls()).some((c) => c.path.includes('/loyalty/'))).toBe(false);
  });
});
