// Several Spendgo accounts (brands) in one sandbox, as in Spendgo: each runs one program type,
// answers only to its own credentials, and knows only its own members and orders.

import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, BASE, call, inspect, json, orderBody, resetSandbox, SALAD, sandbox } from './helpers';
import { ACCOUNTS as DEFINED, MEMBERS } from '../src/core/fixtures';

beforeEach(resetSandbox);

const account = (brand: string) => ACCOUNTS.find((a) => a.brand === brand)!;

describe('one program type per account', () => {
  it('every account runs a different program, and every seeded member is on their account’s', async () => {
    expect(new Set(DEFINED.map((a) => a.program)).size).toBe(DEFINED.length);
    for (const seed of MEMBERS) {
      const { member } = await inspect(seed.id);
      expect(member.program).toBe(DEFINED.find((a) => a.brand === seed.brand)!.program);
    }
  });

  it('a member joining an account joins its program', async () => {
    const res = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550177' } }, { brand: '33560' });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    expect((await inspect(id)).member.program).toBe('visits');
  });
});

describe('each account knows only its own members', () => {
  it("another account's member is unknown: 400/4003, as for any unknown id", async () => {
    const res = await call('GET', '/loyalty/accounts/1009030/balance', undefined, { brand: '33559' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 4003 });
    const own = await call('GET', '/loyalty/accounts/1009030/balance', undefined, { brand: '33560' });
    expect(own.status).toBe(200);
  });

  it('the same phone may belong to a member of each account', async () => {
    const phone = { customer: { phone: '4155550100' } }; // Jordan's, in 33559
    const here = await json<{ id: string }>(await call('POST', '/loyalty/accounts', phone, { brand: '33559' }));
    expect(here.id).toBe('1009029');
    const there = await call('POST', '/loyalty/accounts', phone, { brand: '33562' });
    expect(there.status).toBe(201);
    expect((await json<{ id: string }>(there)).id).not.toBe('1009029');
  });

  it("an order naming another account's brand is a bad request (400/2000), and changes nothing", async () => {
    const before = await inspect('1009029');
    const res = await call('POST', '/loyalty/accounts/1009029/orders', {
      ...orderBody({ status: 'placed', id: 'X-1', lines: [SALAD] }),
      brand: '33560',
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000 });
    expect(await inspect('1009029')).toEqual(before);
  });
});

describe("each account's OAuth client signs in only its members", () => {
  const redirect = 'http://127.0.0.1:8787/oauth/callback';
  const authorize = (clientId: string) =>
    `${BASE}/oauth2/v1/auth?${new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirect,
      state: 's',
      scope: 'user_profile',
    }).toString()}`;

  it.each(ACCOUNTS.map((a) => [a.brand, a.oauth_client_id] as const))(
    'account %s lists its own members only',
    async (brand, clientId) => {
      const text = await (await sandbox.fetch(authorize(clientId))).text();
      for (const m of MEMBERS.filter((seed) => seed.registered)) {
        expect(text.includes(`value="${m.id}"`)).toBe(m.brand === brand);
      }
    },
  );

  it("refuses to sign in another account's member, even if the form names one", async () => {
    const page = await (await sandbox.fetch(authorize(account('33559').oauth_client_id))).text();
    const request = /name="request" value="([0-9a-f]{32})"/.exec(page)![1]!;
    const res = await sandbox.fetch(`${BASE}/oauth2/v1/auth/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ request, member: '1009032' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  it("refuses one account's client id with another account's secret", async () => {
    const res = await sandbox.fetch(`${BASE}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: account('33559').oauth_client_id,
        client_secret: account('33562').oauth_client_secret,
        redirect_uri: redirect,
        code: 'whatever',
      }),
    });
    expect(res.status).toBe(401);
  });
});
