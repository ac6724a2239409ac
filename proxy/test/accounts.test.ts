// Many Spendgo accounts in one proxy: each widget client's calls go out with its own account's
// credentials and brand, and nothing made under one account (a sign-in, a checkout, an order)
// can be used under another. The sandbox holds each account to its own key and members, so a
// call signed for the wrong account fails there as it would at Spendgo.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Balance } from '../../shared/wire';
import { readConfig } from '../src/env';
import { keysFor } from '../src/oidc/keys';
import { mintAccessToken } from '../src/oidc/tokens';
import {
  cart,
  checkoutAs,
  PROXY,
  inspectMember,
  login,
  memberFetch,
  orderOf,
  paidInFull,
  resetSandbox,
  settle,
  SHOPS,
  signIn,
  upstreamCalls,
} from './helpers';

beforeEach(resetSandbox);

describe('each store speaks for its own Spendgo account', () => {
  it.each([
    ['shop-a', SHOPS.a, '1009029', 'points'],
    ['shop-bakery', SHOPS.bakery, '1009030', 'visits'],
    ['shop-grill', SHOPS.grill, '1009031', 'points_banking'],
    ['shop-market', SHOPS.market, '1009032', 'shop_with_points'],
  ])('%s signs its member in and reads with its account', async (_, shop, member, program) => {
    const res = await memberFetch(await signIn(member, shop), 'GET', '/v1/balance');
    expect(res.status).toBe(200);
    expect((await res.json<Balance>()).program).toBe(program);
  });

  it("a member of another account cannot sign in at this store: Spendgo's page does not know them", async () => {
    const { back } = await login('1009032', { shop: SHOPS.a });
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it("an order's every call carries its account's brand, to the end of its lifecycle", async () => {
    const { market } = SHOPS;
    const session = await signIn('1009032', market);
    const { checkout_id, discount } = await checkoutAs(session, { ...cart, reward: { id: 'P_SWP', amount: 4 } });
    expect(discount).toBe(4);
    await market.merchant.placed('M-1', orderOf(checkout_id));
    await market.merchant.billed('M-1', await paidInFull('M-1', market.merchant));
    await market.merchant.completed('M-1');
    const view = await settle('M-1', market.merchant);
    expect(view.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered']);
    // 400 points spent; the points earned on 21.50 − 4 stay within Shop With Points' rules.
    expect((await inspectMember('1009032')).member.balance).toBeLessThan(2000);
    const orders = (await upstreamCalls()).filter((c) => c.path === '/loyalty/accounts/1009032/orders');
    expect(orders.map((c) => c.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('nothing crosses from one account to another', () => {
  it("a checkout made at one store cannot back another store's order", async () => {
    const session = await signIn('1009032', SHOPS.market);
    const { checkout_id } = await checkoutAs(session, cart);
    await expect(SHOPS.a.merchant.placed('X-1', orderOf(checkout_id))).rejects.toMatchObject({
      code: 'checkout_not_found',
    });
  });

  it("one store's access token is refused at another store's origin and client", async () => {
    const session = await signIn('1009030', SHOPS.bakery);
    const elsewhere = await memberFetch(session, 'GET', '/v1/balance', { headers: { Origin: SHOPS.a.origin } });
    expect(elsewhere.status).toBe(403);
    const asOther = await memberFetch(session, 'POST', '/v1/checkout', {
      body: { ...cart, client_id: SHOPS.a.clientId },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(asOther.status).toBe(400);
  });

  it('the same order id at two stores is two orders, each in its own account', async () => {
    const a = await checkoutAs(await signIn('1009029', SHOPS.a), cart);
    const b = await checkoutAs(await signIn('1009030', SHOPS.bakery), cart);
    await SHOPS.a.merchant.placed('SAME-1', orderOf(a.checkout_id));
    await SHOPS.bakery.merchant.placed('SAME-1', orderOf(b.checkout_id));
    expect((await settle('SAME-1', SHOPS.a.merchant)).checkout_id).toBe(a.checkout_id);
    expect((await settle('SAME-1', SHOPS.bakery.merchant)).checkout_id).toBe(b.checkout_id);
    const placedFor = (member: string) =>
      upstreamCalls().then((calls) => calls.filter((c) => c.path === `/loyalty/accounts/${member}/orders`).length);
    expect(await placedFor('1009029')).toBe(2);
    expect(await placedFor('1009030')).toBe(2);
  });

  it("a sign-in made under a store's former account is refused once the store uses another", async () => {
    // As if shop-a had been on account "market" when this member signed in: same sign-in, same
    // key, but the member id belongs to another account than the store's now.
    const config = readConfig(env);
    if (!config.ok) throw new Error('test config invalid');
    const session = await signIn('1009029', SHOPS.a);
    const familyId = session.refreshToken.split('.')[0]!;
    const claims = { memberId: '1009029', clientId: SHOPS.a.clientId, familyId, givenName: 'J', jkt: session.key.jkt };
    const keys = await keysFor(config.value);
    const now = Math.floor(Date.now() / 1000);
    const stale = await mintAccessToken(keys, PROXY, { ...claims, account: 'market' }, now);
    const res = await memberFetch({ ...session, accessToken: stale }, 'GET', '/v1/balance');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_token' } });
    // The same token minted for the store's current account is accepted: the account made the difference.
    const current = await mintAccessToken(keys, PROXY, { ...claims, account: 'default' }, now);
    expect((await memberFetch({ ...session, accessToken: current }, 'GET', '/v1/balance')).status).toBe(200);
  });
});
