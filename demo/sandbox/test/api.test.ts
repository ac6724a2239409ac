// The signed loyalty API over HTTP: authentication codes, members, balance and rewards shapes
// per program type, and bad input answered with Spendgo's error shape.

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, call, json, resetSandbox, sandbox } from './helpers';

beforeEach(resetSandbox);

describe('authentication', () => {
  const target = '/loyalty/accounts/1009029/balance';
  it.each([
    ['no signature', { signature: null }, 1001],
    ['no key', { key: null }, 1002],
    ['an unknown key', { key: 'someone_else' }, 1003],
    ['a signature made with another secret', { secret: btoa('another secret entirely!!') }, 1004],
  ] as const)('answers 401 with code %s → %i', async (_, options, code) => {
    const res = await call('GET', target, undefined, options);
    expect(res.status).toBe(401);
    expect(await json(res)).toMatchObject({ code, details: expect.any(String), message: expect.any(String) });
  });

  it('accepts a signature over path + query on rewards-by-store, and refuses one over the path alone', async () => {
    // docs/spendgo-api.md A1 recommends accepting both; the sandbox is strict by default so a proxy
    // that drops the query is caught (SANDBOX_COMPAT=path_only_signature relaxes it).
    const target = '/loyalty/accounts/1009029/rewards?store=999999';
    expect((await call('GET', target)).status).toBe(200);
    expect((await call('GET', target, undefined, { signPathOnly: true })).status).toBe(401);
  });

  it('checks the signature before reading anything', async () => {
    const res = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550199' } }, { signature: 'AAAA' });
    expect(res.status).toBe(401);
    const again = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550199' } });
    expect(again.status).toBe(201);
  });
});

describe('POST /loyalty/accounts', () => {
  it('returns the existing member with 200 and creates a new one with 201', async () => {
    const existing = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550100' } });
    expect(existing.status).toBe(200);
    expect(await json(existing)).toEqual({ id: '1009029', status: 'Active' });
    const created = await call('POST', '/loyalty/accounts', {
      customer: { phone: '(415) 555-0177', name: { first: 'New', last: 'Member' } },
    });
    expect(created.status).toBe(201);
    const body = await json<{ id: string }>(created);
    expect(body.id).toMatch(/^\d+$/);
    const repeat = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550177' } });
    expect(await json(repeat)).toEqual({ id: body.id, status: 'Active' });
    expect((await call('GET', `/loyalty/accounts/${body.id}/balance`)).status).toBe(200);
  });

  it('answers 202 when email verification is requested', async () => {
    const res = await call('POST', '/loyalty/accounts', {
      customer: { phone: '4155550178', email: 'new@example.com', password: 'pw', verify_email: true },
    });
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ status: 'WaitingEmailVerification' });
  });

  it.each([
    ['a phone that is not 10 digits', { customer: { phone: '12345' } }, 400, 2003],
    [
      'an email that belongs to another member',
      { customer: { phone: '4155550179', email: 'jordan.lee@example.com' } },
      409,
      409,
    ],
    [
      'a phone and email of different members',
      { customer: { phone: '4155550100', email: 'riley.kim@example.com' } },
      400,
      2000,
    ],
    ['no customer', { phone: '4155550100' }, 400, 2000],
    ['a phone of the wrong type', { customer: { phone: 4155550100 } }, 400, 2000],
  ])('refuses %s', async (_, body, status, code) => {
    const res = await call('POST', '/loyalty/accounts', body);
    expect(res.status).toBe(status);
    expect(await json(res)).toMatchObject({ code });
  });
});

describe('GET balance by program type', () => {
  it('points: balance, threshold, capitalised offers, soonest expiry, expired copies left out', async () => {
    const body = await json<{ rewards: Record<string, unknown>[] }>(
      await call('GET', '/loyalty/accounts/1009029/balance'),
    );
    expect(body).toMatchObject({ quantity: 40, units: 'points', spend_threshold: 50, label: '$5 Off' });
    const fiveOff = body.rewards.find((r) => r['label'] === '$5 Off');
    expect(fiveOff).toMatchObject({
      offer: 'Rebate',
      value: 5,
      quantity: 2,
      reference: { type: 'promo', code: '5OFF' },
    });
    const soonest = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect(fiveOff?.['next_expires_on']).toBe(soonest);
    expect(body.rewards.find((r) => r['label'] === 'Free Cookie')).not.toHaveProperty('next_expires_on');
    expect(body.rewards.some((r) => r['label'] === 'Free Coffee')).toBe(false);
  });

  it('visits', async () => {
    const body = await json(await call('GET', '/loyalty/accounts/1009030/balance'));
    expect(body).toMatchObject({ quantity: 6, units: 'visits', spend_threshold: 8, label: 'Free Coffee' });
  });

  it('points banking: tiers with floor(balance / points), no threshold', async () => {
    const body = await json<{ rewards: { points: number; quantity: number }[] }>(
      await call('GET', '/loyalty/accounts/1009031/balance'),
    );
    expect(body).toMatchObject({ quantity: 250, units: 'points', label: 'points banking' });
    expect(body).not.toHaveProperty('spend_threshold');
    expect(body.rewards.map((r) => [r.points, r.quantity])).toEqual([
      [100, 2],
      [200, 1],
      [300, 0],
    ]);
  });

  it('shop with points: value = balance × value_per_point', async () => {
    const body = await json(await call('GET', '/loyalty/accounts/1009032/balance'));
    expect(body).toMatchObject({
      quantity: 2000,
      label: 'shop with points',
      rewards: [
        {
          label: 'Shop With Points',
          value: 20,
          points: 2000,
          value_per_point: 0.01,
          reference: { code: 'SHOPWITHPOINTS' },
        },
      ],
    });
  });

  it('a member with nothing', async () => {
    expect(await json(await call('GET', '/loyalty/accounts/1009033/balance'))).toEqual({
      quantity: 0,
      units: 'points',
      spend_threshold: 50,
      label: '$5 Off',
      rewards: [],
    });
  });

  it('an unknown member is 400/4003', async () => {
    const res = await call('GET', '/loyalty/accounts/424242/balance');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 4003, details: 'Invalid user account id: 424242' });
  });
});

describe('GET rewards by store', () => {
  const rewardIds = async (member: string, store: string) =>
    (
      await json<{ rewards: { id: string }[] }>(await call('GET', `/loyalty/accounts/${member}/rewards?store=${store}`))
    ).rewards.map((r) => r.id);

  it('lists only the rewards redeemable at that store, lowercase offers, integer quantities', async () => {
    expect((await rewardIds('1009029', '999999')).sort()).toEqual(['2234402', '2234410', '2234420', 'A18']);
    expect((await rewardIds('1009029', '100002')).sort()).toEqual(['2234402', 'A18']);
    const body = await json<{ rewards: Record<string, unknown>[] }>(
      await call('GET', '/loyalty/accounts/1009029/rewards?store=999999'),
    );
    expect(body.rewards[0]).toMatchObject({ id: '2234402', offer: 'rebate', label: '$5 Off', value: 5, quantity: 2 });
  });

  it('lists affordable banking tiers and the Shop With Points value as P_ rewards', async () => {
    expect(await rewardIds('1009031', '999999')).toEqual(['P_PB100', 'P_PB200']);
    const swp = await json(await call('GET', '/loyalty/accounts/1009032/rewards?store=999999'));
    expect(swp).toEqual({ rewards: [expect.objectContaining({ id: 'P_SWP', value: 20, quantity: 1 })] });
  });

  it('is empty for a member with nothing', async () => {
    expect(await rewardIds('1009033', '999999')).toEqual([]);
  });

  it.each([
    ['an unknown store', '/loyalty/accounts/1009029/rewards?store=123', 'Invalid store id: 123'],
    ['no store', '/loyalty/accounts/1009029/rewards', 'Invalid store id: None'],
  ])('%s is 400/4002', async (_, target, details) => {
    const res = await call('GET', target);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 4002, details });
  });
});

describe('bad input', () => {
  it('malformed JSON is 400/2000 and changes nothing', async () => {
    const res = await call('POST', '/loyalty/accounts', '{"customer": {"phone": "4155550180"');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000, details: 'Malformed JSON body' });
    const after = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550180' } });
    expect(after.status).toBe(201);
  });

  it('wrong types in an order name the field', async () => {
    const res = await call('POST', '/loyalty/accounts/guest/orders', {
      status: 'checkout',
      vendor: '999999',
      brand: '33559',
      source: 'web',
      subtotal: '10',
      basket: { posEntries: [] },
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000, details: expect.stringContaining('subtotal') });
  });

  it('an oversize body is 413 before anything else', async () => {
    const big = JSON.stringify({ customer: { phone: '4155550181', pad: 'x'.repeat(70_000) } });
    const res = await call('POST', '/loyalty/accounts', big);
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ code: 2000 });
  });

  it('an id outside [A-Za-z0-9_-] is refused', async () => {
    const res = await call('GET', '/loyalty/accounts/..%2F1009029/balance');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 4003 });
  });

  it('unknown routes answer Spendgo-shaped 404s', async () => {
    const res = await sandbox.fetch(`${BASE}/nope`);
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: 2000 });
  });
});
