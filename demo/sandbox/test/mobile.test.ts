// The mobile API's member status lookup (API v2.1.1, "Retrieve a member status"): signed with
// the mobile key on its account's web context, one of phone or email, and the status and
// linked_to_account combinations the documents list.

import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, call, json, resetSandbox } from './helpers';

beforeEach(resetSandbox);

const mobile = ACCOUNTS.find((a) => a.brand === '33559')! as (typeof ACCOUNTS)[number] & {
  mobile_api_key: string;
  mobile_api_secret: string;
  web_context: string;
};
const LOOKUP = `/mobile/gen/${mobile.web_context}/v1/lookup`;
const lookup = (body: unknown, options: { path?: string; key?: string; secret?: string } = {}) =>
  call('POST', options.path ?? LOOKUP, body, {
    key: options.key ?? mobile.mobile_api_key,
    secret: options.secret ?? mobile.mobile_api_secret,
  });

describe('member status lookup', () => {
  it("answers Activated and linked for the account's registered member, by phone or email", async () => {
    for (const body of [{ phone: '4155550100' }, { phone: '(415) 555-0100' }, { email: 'Jordan.Lee@example.com' }]) {
      const res = await lookup(body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(await json(res)).toEqual({ status: 'Activated', linked_to_account: true });
    }
  });

  it("answers linked false for another account's member, and NotFound for nobody", async () => {
    const created = await call('POST', '/loyalty/accounts', { customer: { phone: '4155550188' } }, { brand: '33560' });
    expect(created.status).toBe(201);
    expect(await json(await lookup({ phone: '4155550188' }))).toEqual({
      status: 'StarterAccount',
      linked_to_account: false,
    });
    expect(await json(await lookup({ phone: '4155550199' }))).toEqual({ status: 'NotFound', linked_to_account: false });
  });

  it('answers InvalidEmail for a malformed email, and refuses a malformed phone or both at once', async () => {
    expect(await json(await lookup({ email: 'not-an-email' }))).toMatchObject({ status: 'InvalidEmail' });
    expect((await lookup({ phone: '12' })).status).toBe(400);
    expect((await lookup({ phone: '4155550100', email: 'a@b.co' })).status).toBe(400);
    expect((await lookup({ phone: '4155550100', extra: 1 })).status).toBe(400);
  });

  it('answers only to the mobile key on its own web context', async () => {
    expect((await lookup({ phone: '4155550100' }, { path: '/mobile/gen/other/v1/lookup' })).status).toBe(404);
    // The loyalty API key is not the mobile key.
    const loyaltyKey = await lookup({ phone: '4155550100' }, { key: mobile.api_key, secret: mobile.api_secret });
    expect(loyaltyKey.status).toBe(401);
    const badSignature = await lookup({ phone: '4155550100' }, { secret: btoa('wrong secret, 32 bytes long!!!!!') });
    expect(badSignature.status).toBe(401);
  });
});
