// Join at checkout: a shopper with no account joins in the widget, is signed in by the join
// ticket through the normal authorize → token flow, and earns on this order. And the attacks:
// joining as someone who already belongs to Spendgo (here or at another brand), two joins with
// one phone at the same moment, a ticket replayed or taken to another store, forged, or after
// the client stops offering joins, and fishing for members by phone.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkoutAs,
  freshRateWindow,
  inspectMember,
  memberFetch,
  orderOf,
  paidInFull,
  pkce,
  dpopKey,
  authorizeUrl,
  proxy,
  PROXY,
  resetSandbox,
  settle,
  SHOPS,
  tokenRequest,
  upstreamCalls,
  type Session,
  type Shop,
} from './helpers';

beforeEach(resetSandbox);

const shop = SHOPS.a;
const manual = { redirect: 'manual' } as const;
let phoneCounter = 0;
/** A phone number nobody in the sandbox has, different in every test. */
const freshPhone = () => `(628) 555-${String(1000 + Math.floor(Math.random() * 8000) + phoneCounter++).slice(-4)}`;

function joinBody(overrides: Record<string, unknown> = {}) {
  return {
    client_id: shop.clientId,
    store: '999999',
    phone: freshPhone(),
    first_name: 'Alex',
    sms_opt_in: false,
    email_opt_in: false,
    accept_terms: true,
    ...overrides,
  };
}

async function join(body: object, options: { origin?: string | null; ip?: string } = {}): Promise<Response> {
  const origin = options.origin === undefined ? shop.origin : options.origin;
  return proxy.fetch(`${PROXY}/v1/join`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(origin !== null && { Origin: origin }),
      ...(options.ip && { 'CF-Connecting-IP': options.ip }),
    },
    body: JSON.stringify(body),
  });
}

async function errorCode(res: Response): Promise<string> {
  return (await res.json<{ error: { code: string } }>()).error.code;
}

/** Spends a join ticket on /oauth/authorize as the widget does; the redirect back. */
async function authorizeWithTicket(ticket: string, at: Shop = shop) {
  const key = await dpopKey();
  const { verifier, challenge } = await pkce();
  const res = await proxy.fetch(
    authorizeUrl({
      client_id: at.clientId,
      redirect_uri: at.redirect,
      code_challenge: challenge,
      dpop_jkt: key.jkt,
      join_ticket: ticket,
    }),
    manual,
  );
  expect(res.status).toBe(302);
  return { back: new URL(res.headers.get('Location')!), key, verifier };
}

async function signInByTicket(ticket: string): Promise<Session> {
  const { back, key, verifier } = await authorizeWithTicket(ticket);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code: ${back.toString()}`);
  const res = await tokenRequest(
    { grant_type: 'authorization_code', code, redirect_uri: shop.redirect, code_verifier: verifier },
    key,
  );
  expect(res.status).toBe(200);
  const body = await res.json<{ access_token: string; refresh_token: string; id_token: string }>();
  return { accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token, key, shop };
}

const createCalls = async () => (await upstreamCalls()).filter((c) => c.path === '/loyalty/accounts');

describe('a shopper with no account', () => {
  it('joins, is signed in without Spendgo’s pages, and earns on this order', async () => {
    const res = await join(joinBody());
    expect(res.status).toBe(201);
    const { join_ticket: ticket, expires_in } = await res.json<{ join_ticket: string; expires_in: number }>();
    expect(expires_in).toBe(120);
    const session = await signInByTicket(ticket);
    const idToken = JSON.parse(atob(session.idToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      given_name: string;
    };
    expect(idToken.given_name).toBe('Alex');
    const balance = await memberFetch(session, 'GET', '/v1/balance');
    expect(balance.status).toBe(200);

    const checked = await checkoutAs(session, { ...orderCart });
    const orderId = `join-${crypto.randomUUID().slice(0, 8)}`;
    await shop.merchant.placed(orderId, orderOf(checked.checkout_id, orderCart));
    await shop.merchant.billed(orderId, await paidInFull(orderId));
    await shop.merchant.completed(orderId);
    await settle(orderId);
    const orders = (await upstreamCalls()).filter(
      (c) => c.detail.startsWith('completed ') && c.detail.includes(orderId),
    );
    const memberId = /^\/loyalty\/accounts\/(\d+)\/orders$/.exec(orders[0]!.path)![1]!;
    const earned = (await inspectMember(memberId)).ledger.filter((e) => e.order_id === orderId && e.kind === 'earn');
    expect(earned).toHaveLength(1);
    expect(earned[0]!.units).toBe(21);
  });

  it('sends Spendgo the number as ten digits and the consent as given', async () => {
    expect((await join(joinBody({ phone: '+1 (628) 555-0142', sms_opt_in: true }))).status).toBe(201);
    const lookups = (await upstreamCalls()).filter((c) => c.path.startsWith('/mobile/gen/'));
    expect(lookups.map((c) => c.path)).toEqual(['/mobile/gen/proxytest/v1/lookup']);
    expect(await createCalls()).toHaveLength(1);
  });
});

const orderCart = {
  store: '999999',
  items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1, product_id: 'SALAD' }],
  subtotal: 21.5,
};

describe('someone who already belongs to Spendgo is offered sign-in, and nothing is created', () => {
  it("this brand's member (Jordan's phone, in any format)", async () => {
    for (const phone of ['4155550100', '(415) 555-0100', '+1 415.555.0100']) {
      const res = await join(joinBody({ phone }));
      expect(res.status, phone).toBe(409);
      expect(await errorCode(res)).toBe('member_exists');
    }
    expect(await createCalls()).toHaveLength(0);
  });

  it("another brand's member (Sam, of the bakery) is not linked to this brand by joining", async () => {
    const res = await join(joinBody({ phone: '4155550101' }));
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('member_exists');
    expect(await createCalls()).toHaveLength(0);
  });

  it("a fresh phone with an existing member's email", async () => {
    const res = await join(joinBody({ email: 'jordan.lee@example.com' }));
    expect(res.status).toBe(409);
    expect(await createCalls()).toHaveLength(0);
  });

  it('two joins with one phone at the same moment: one ticket, the other is sent to sign in', async () => {
    const body = joinBody();
    const answers = await Promise.all([join(body), join(body)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });
});

describe('a join ticket', () => {
  async function ticket(): Promise<string> {
    const res = await join(joinBody());
    expect(res.status).toBe(201);
    return (await res.json<{ join_ticket: string }>()).join_ticket;
  }

  it('signs in once: a replay goes back with access_denied and no code', async () => {
    const t = await ticket();
    expect((await authorizeWithTicket(t)).back.searchParams.get('code')).not.toBeNull();
    const again = (await authorizeWithTicket(t)).back;
    expect(again.searchParams.get('code')).toBeNull();
    expect(again.searchParams.get('error')).toBe('access_denied');
  });

  it('is refused at another store (shop-b, on the same Spendgo account)', async () => {
    const t = await ticket();
    const back = (await authorizeWithTicket(t, SHOPS.b)).back;
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it('is refused when forged or altered', async () => {
    const t = await ticket();
    const altered = `${t.slice(0, -4)}${t.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (const forged of [altered, 'not-a-ticket']) {
      const back = (await authorizeWithTicket(forged)).back;
      expect(back.searchParams.get('code')).toBeNull();
    }
  });

  it('is not a sign-in state, nor is a sign-in state a ticket (both are sealed by one key)', async () => {
    const t = await ticket();
    const asState = await proxy.fetch(`${PROXY}/oauth/callback?state=${encodeURIComponent(t)}&code=x`, manual);
    expect(asState.status).toBe(400);
    const { challenge } = await pkce();
    const start = await proxy.fetch(
      authorizeUrl({ client_id: shop.clientId, redirect_uri: shop.redirect, code_challenge: challenge }),
      manual,
    );
    const sealedState = new URL(start.headers.get('Location')!).searchParams.get('state')!;
    const back = (await authorizeWithTicket(sealedState)).back;
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it('still needs PKCE: a ticket with no code challenge gets no code', async () => {
    const t = await ticket();
    const res = await proxy.fetch(
      authorizeUrl({ client_id: shop.clientId, redirect_uri: shop.redirect, join_ticket: t }),
      manual,
    );
    const back = new URL(res.headers.get('Location')!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    // Unspent: the same ticket still signs in with PKCE.
    expect((await authorizeWithTicket(t)).back.searchParams.get('code')).not.toBeNull();
  });
});

describe('bad requests change nothing', () => {
  it.each([
    ['no consent to the terms', { accept_terms: false }, 'invalid_request'],
    ['email opt-in without an email', { email_opt_in: true }, 'invalid_request'],
    ['a phone that is not ten digits', { phone: '555-0100' }, 'invalid_phone'],
    ['letters in the phone', { phone: '628 555 01OO' }, 'invalid_phone'],
    ['an unknown field', { password: 'hunter2' }, 'invalid_request'],
    ['a store the client does not serve', { store: '100002' }, 'store_not_allowed'],
  ])('%s', async (_, overrides, code) => {
    const res = await join(joinBody(overrides));
    expect(await errorCode(res)).toBe(code);
    expect(await createCalls()).toHaveLength(0);
  });

  it('a client that does not offer joining, and a page of another origin', async () => {
    expect(await errorCode(await join(joinBody({ client_id: SHOPS.b.clientId }), { origin: SHOPS.b.origin }))).toBe(
      'join_not_enabled',
    );
    expect((await join(joinBody(), { origin: 'https://evil.test' })).status).toBe(403);
    expect(await createCalls()).toHaveLength(0);
  });
});

describe('fishing for members by phone', () => {
  it('is limited per address: the sixth join in a minute is refused', async () => {
    await freshRateWindow();
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await join(joinBody(), { ip })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('is limited per number, whatever the address', async () => {
    await freshRateWindow();
    const phone = freshPhone();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await join(joinBody({ phone, accept_terms: true, sms_opt_in: i > 0 }))).status);
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1, 5)).toEqual([409, 409, 409, 409]);
    expect(statuses[5]).toBe(429);
  });
});
