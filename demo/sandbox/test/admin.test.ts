// The admin surface and injected faults, and the sandbox's behaviour when a setting is wrong.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import app from '../src/index';
import {
  ACCOUNTS,
  API_KEY,
  BASE,
  call,
  hmacBase64,
  inspect,
  json,
  postOrder,
  resetSandbox,
  SALAD,
  sandbox,
} from './helpers';

beforeEach(resetSandbox);

const admin = (path: string, init?: RequestInit) => sandbox.fetch(`${BASE}/__sandbox${path}`, init);
const putFaults = (settings: unknown) =>
  admin('/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) });

describe('faults', () => {
  it('plays a sequence of outcomes, then returns to normal', async () => {
    expect((await putFaults({ sequence: ['error', 'rate_limit', 'timeout'], timeout_ms: 10 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('GET', '/loyalty/accounts/1009029/balance')).status);
    expect(statuses).toEqual([500, 429, 504, 200]);
  });

  it('a 429 says when to retry', async () => {
    await putFaults({ sequence: ['rate_limit'] });
    const res = await call('GET', '/loyalty/accounts/1009029/balance');
    expect(res.headers.get('Retry-After')).toBe('1');
  });

  it('an error fault happens before the request takes effect', async () => {
    await putFaults({ sequence: ['error'] });
    expect((await postOrder('1009033', { status: 'placed', id: 'F-1', lines: [SALAD] })).status).toBe(500);
    expect((await inspect('1009033')).orders).toEqual([]);
  });

  it('a dropped answer still takes effect, and the retry is answered from the record', async () => {
    await putFaults({ sequence: ['drop'] });
    expect((await postOrder('1009033', { status: 'placed', id: 'F-2', lines: [SALAD] })).status).toBe(502);
    expect((await inspect('1009033')).orders).toEqual([expect.objectContaining({ orderId: 'F-2', status: 'placed' })]);
    const retry = await postOrder('1009033', { status: 'placed', id: 'F-2', lines: [SALAD] });
    expect(retry.status).toBe(200);
  });

  it('rates of 1 fail every call; clearing restores service', async () => {
    await putFaults({ error_rate: 1 });
    expect((await call('GET', '/loyalty/accounts/1009029/balance')).status).toBe(500);
    expect((await admin('/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await call('GET', '/loyalty/accounts/1009029/balance')).status).toBe(200);
  });

  it.each([
    ['rates above 1 in total', { error_rate: 0.6, timeout_rate: 0.6 }],
    ['an unknown outcome', { sequence: ['explode'] }],
    ['an unknown field', { error_rat: 0.5 }],
    ['a negative latency', { latency_ms: -1 }],
  ])('refuses %s and keeps the old settings', async (_, settings) => {
    await putFaults({ error_rate: 0.25 });
    const res = await putFaults(settings);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: { code: 'invalid_faults' } });
    expect(await json(await admin('/faults'))).toMatchObject({ error_rate: 0.25 });
  });
});

describe('admin', () => {
  it('reset restores the fixtures', async () => {
    await postOrder('1009033', { status: 'placed', id: 'Z-1', lines: [SALAD] });
    await resetSandbox();
    expect((await inspect('1009033')).orders).toEqual([]);
  });

  it('logs API calls with their status and order detail', async () => {
    await admin('/requests', { method: 'DELETE' });
    await postOrder('1009033', { status: 'placed', id: 'L-1', lines: [SALAD] });
    await call('GET', '/loyalty/accounts/1009033/balance', undefined, { signature: null });
    const { requests } = await json<{ requests: { path: string; status: number; detail: string }[] }>(
      await admin('/requests'),
    );
    expect(requests.map((r) => [r.path, r.status, r.detail])).toEqual([
      ['/loyalty/accounts/1009033/orders', 200, 'placed L-1'],
      ['/loyalty/accounts/1009033/balance', 401, ''],
    ]);
  });

  it('adjusts a balance with a ledger entry, and refuses a bad adjustment', async () => {
    const post = (id: string, body: unknown) =>
      admin(`/members/${id}/adjust`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('1009031', { units: 500, note: 'demo' })).status).toBe(200);
    const member = await inspect('1009031');
    expect(member.member.balance).toBe(750);
    expect(member.ledger.at(-1)).toMatchObject({ kind: 'adjust', units: 500 });
    expect((await post('1009031', { units: 1.5 })).status).toBe(400);
    expect((await post('999', { units: 1 })).status).toBe(404);
  });

  it('refuses a state change that is not application/json (a cross-site form or text/plain post)', async () => {
    await admin('/members/1009031/adjust', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ units: 7 }),
    });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reset = await admin('/reset', { method: 'POST', headers: { 'Content-Type': type }, body: '{}' });
      expect(reset.status).toBe(415);
    }
    const faults = await admin('/faults', { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(faults.status).toBe(415);
    // Nothing was reset: the adjustment is still there.
    expect((await inspect('1009031')).member.balance).toBe(257);
  });

  it('lists members and answers 404 for an unknown one', async () => {
    const { members } = await json<{ members: { id: string }[] }>(await admin('/members'));
    expect(members.map((m) => m.id)).toContain('1009032');
    expect((await admin('/members/999')).status).toBe(404);
  });
});

async function withEnv(overrides: Record<string, string>, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('settings', () => {
  it('admin is off unless SANDBOX_ADMIN is "true"', async () => {
    const res = await withEnv({ SANDBOX_ADMIN: 'false' }, '/__sandbox/members');
    expect(res.status).toBe(404);
  });

  it('a malformed setting answers 500 naming it, and leaks no value', async () => {
    const broken = JSON.stringify([{ ...ACCOUNTS[0], api_secret: 'not base64 !!' }]);
    const res = await withEnv({ SANDBOX_ACCOUNTS: broken }, '/loyalty/accounts/1009029/balance');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('SANDBOX_ACCOUNTS');
    expect(text).not.toContain('not base64');
  });

  it('refuses a path-only signature on a request with a query, unless the path_only_signature switch is on', async () => {
    const target = '/loyalty/accounts/1009029/rewards?store=999999';
    const headers = {
      'X-Class-Key': API_KEY,
      'X-Class-Signature': await hmacBase64('/loyalty/accounts/1009029/rewards'),
    };
    expect((await withEnv({}, target, { headers })).status).toBe(401);
    expect((await withEnv({ SANDBOX_COMPAT: 'path_only_signature' }, target, { headers })).status).toBe(200);
  });

  it('an unknown compatibility switch is a configuration error naming the setting', async () => {
    const res = await withEnv({ SANDBOX_COMPAT: 'anything_goes' }, '/loyalty/accounts/1009029/balance');
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('SANDBOX_COMPAT');
  });
});
