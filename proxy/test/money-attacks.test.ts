// The attacks on money, tried through the real proxy against the sandbox and checked on
// Spendgo's side (its ledger and request log): a made-up cart, one checkout behind many
// orders, a replayed signed request, a conflicting repeat of a step, and hostile amounts.

import { describe, beforeEach, expect, it } from 'vitest';
import { createMerchantClient, MerchantApiError } from '../../merchant/client';
import { CLIENT_HEADER, SIGNATURE_HEADER, signMerchantRequest } from '../../shared/merchant-signature';
import {
  cart,
  checkoutAs as checkout,
  CLIENT_ID,
  inspectMember,
  merchant,
  MERCHANT_SECRET,
  memberFetch,
  orderOf,
  proxy,
  PROXY,
  card,
  paidInFull,
  resetSandbox,
  settle,
  signIn,
  upstreamCalls,
} from './helpers';

beforeEach(resetSandbox);

const JORDAN = '1009029'; // points program, 40 points, holds "20% Off Your Order" (2234410, cap $15)

/** Spendgo order calls that change something (everything but checkout). */
const orderCalls = async () =>
  (await upstreamCalls()).filter((c) => c.path.endsWith('/orders') && c.detail !== 'checkout');
const latte = {
  store: '999999',
  items: [{ label: 'Latte', unit_cost: 4.75, quantity: 1, product_id: 'LATTE' }],
  subtotal: 4.75,
};

describe('a cart that never existed', () => {
  it('validating a $100,000 cart and buying a latte earns nothing and takes no discount: placed is refused', async () => {
    const session = await signIn(JORDAN);
    const inflated = {
      store: '999999',
      items: [{ label: 'Latte', unit_cost: 100_000, quantity: 1, product_id: 'LATTE' }],
      subtotal: 100_000,
      reward: { id: '2234410' },
    };
    const validated = await checkout(session, inflated);
    expect(validated).toMatchObject({ reward_applied: true, discount: 15 });
    const before = (await orderCalls()).length;

    // The shop's backend states the order it really sold: a $4.75 latte.
    await expect(merchant.placed('FAKE-1', orderOf(validated.checkout_id, latte))).rejects.toMatchObject({
      status: 409,
      code: 'recheckout_required',
    });
    // The old shortcut, a placed that names only the checkout, is no longer a valid request.
    const bare = await signedPost('/v1/orders/FAKE-2/events', { type: 'placed', checkout_id: validated.checkout_id });
    expect(bare.status).toBe(400);

    expect((await orderCalls()).length).toBe(before);
    const jordan = await inspectMember(JORDAN);
    expect(jordan.member.balance).toBe(40);
    expect(jordan.ledger.filter((e) => e.order_id?.startsWith('FAKE'))).toEqual([]);
  });

  it('points are credited on the subtotal the merchant states, never on the one the page validated', async () => {
    const session = await signIn('1009033'); // Riley: points, no rewards
    const validated = await checkout(session, latte);
    await merchant.placed('REAL-1', orderOf(validated.checkout_id, latte, { tax: 0.39 }));
    await merchant.billed('REAL-1', await paidInFull('REAL-1'));
    await merchant.completed('REAL-1');
    const view = await settle('REAL-1');
    expect(view).toMatchObject({ status: 'completed', subtotal: 4.75, discount: 0, tax: 0.39, total: 5.14 });
    const earned = (await inspectMember('1009033')).ledger.filter((e) => e.order_id === 'REAL-1' && e.kind === 'earn');
    expect(earned.map((e) => e.units)).toEqual([4]);
  });

  it('a total that does not add up is refused, with nothing sent to Spendgo', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    await expect(
      merchant.placed('TOT-1', orderOf(validated.checkout_id, cart, { tax: 1, total: 21.5 })),
    ).rejects.toMatchObject({ status: 422, code: 'total_mismatch' });
    expect(await orderCalls()).toHaveLength(0);
  });
});

describe('payments that do not pay for the order', () => {
  // $21.50 salad − the $5 reward + $1.78 tax + $2 tip = $20.28 to pay.
  const ordered = { tax: 1.78, tip: 2 };

  it('a placed whose payments fall short of the total is refused, with nothing sent to Spendgo', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    await expect(
      merchant.placed('PAY-1', orderOf(validated.checkout_id, cart, { ...ordered, payments: [card(0.01)] })),
    ).rejects.toMatchObject({ status: 422, code: 'payments_mismatch' });
    await expect(merchant.get('PAY-1')).rejects.toMatchObject({ status: 404 });
    expect(await orderCalls()).toHaveLength(0);
  });

  it('a billed short of the total, or over it, is refused and changes nothing; split tenders that add up are taken', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    await merchant.placed('PAY-2', orderOf(validated.checkout_id, cart, { ...ordered, payments: [card(20.28)] }));
    await settle('PAY-2');
    for (const payments of [[card(1.5)], [card(20.27)], [card(15), card(5.29)]])
      await expect(merchant.billed('PAY-2', { payments })).rejects.toMatchObject({
        status: 422,
        code: 'payments_mismatch',
      });
    const view = await merchant.get('PAY-2');
    expect(view).toMatchObject({ status: 'placed', total: 20.28 });
    expect(view.events.map((e) => e.type)).toEqual(['placed']);
    expect((await orderCalls()).map((c) => c.detail)).toEqual(['placed PAY-2']);

    // A gift card and a card, tip included, that together pay the total: taken and delivered.
    await merchant.billed('PAY-2', { payments: [{ tender: 'prepaid', amount: 10 }, card(10.28)] });
    expect(await settle('PAY-2')).toMatchObject({ status: 'billed' });
    expect((await orderCalls()).map((c) => [c.detail, c.status])).toEqual([
      ['placed PAY-2', 200],
      ['billed PAY-2', 200],
    ]);
  });
});

describe('one checkout, one order', () => {
  it('twenty concurrent placed calls with one checkout: exactly one is accepted; voided releases it', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        merchant.placed(`RACE-${i}`, orderOf(validated.checkout_id)).then(
          (result) => ({ won: result.order.order_id }),
          (error: unknown) => ({ lost: error }),
        ),
      ),
    );
    const winners = answers.flatMap((a) => ('won' in a ? [a.won] : []));
    expect(winners).toHaveLength(1);
    for (const a of answers) {
      if ('lost' in a) {
        expect(a.lost).toMatchObject({ status: 409, code: 'checkout_used' });
        expect((a.lost as Error).message).not.toContain('RACE');
      }
    }
    const winner = winners[0]!;
    await settle(winner);
    expect((await orderCalls()).map((c) => c.detail)).toEqual([`placed ${winner}`]);

    // The same order again is still fine (a retry); another order is still refused.
    expect((await merchant.placed(winner, orderOf(validated.checkout_id))).order.order_id).toBe(winner);
    await expect(merchant.placed('LATE-1', orderOf(validated.checkout_id))).rejects.toMatchObject({
      code: 'checkout_used',
    });
    // Voiding the order gives the checkout back.
    await merchant.voided(winner, { reason: 'card declined' });
    const next = await merchant.placed('LATE-1', orderOf(validated.checkout_id), { idempotencyKey: 'late-1-b' });
    expect(next.order).toMatchObject({ order_id: 'LATE-1', discount: 5 });
    await settle(winner);
    await settle('LATE-1');
  });
});

describe('signed requests cannot be replayed', () => {
  it('a captured request is refused the second time, even after the order moved on to where it would apply', async () => {
    const session = await signIn('1009033');
    const validated = await checkout(session, latte);
    await merchant.placed('REP-1', orderOf(validated.checkout_id, latte));
    // The backend's refund before completion is refused; an attacker records the signed request.
    const captured = await signedRequest('/v1/orders/REP-1/events', { type: 'refunded' }, 'REP-1:refunded');
    const refused = await proxy.fetch(captured.url, captured.init());
    expect(refused.status).toBe(409);
    await merchant.billed('REP-1', await paidInFull('REP-1'));
    await merchant.completed('REP-1');
    await settle('REP-1');
    const replayed = await proxy.fetch(captured.url, captured.init());
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: 'signature_replayed' } });
    const view = await merchant.get('REP-1');
    expect(view.status).toBe('completed');
    expect((await orderCalls()).map((c) => c.detail).filter((d) => d.endsWith('REP-1'))).toEqual([
      'placed REP-1',
      'billed REP-1',
      'completed REP-1',
    ]);
    expect((await inspectMember('1009033')).member.balance).toBe(4);
  });

  it('a signature made for one Idempotency-Key or client does not carry to another', async () => {
    const captured = await signedRequest('/v1/orders/REP-2/events', { type: 'completed' }, 'REP-2:completed');
    const moved = captured.init({ 'Idempotency-Key': 'another-key' });
    const res = await proxy.fetch(captured.url, moved);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
  });

  it('a signed read is not replayable either', async () => {
    const captured = await signedRequest('/v1/orders/REP-3', undefined, undefined);
    expect((await proxy.fetch(captured.url, captured.init())).status).toBe(404);
    expect((await proxy.fetch(captured.url, captured.init())).status).toBe(401);
  });
});

describe('no silent drops', () => {
  it('a second billed with other payments under a new key is 409 event_conflict naming the step', async () => {
    const session = await signIn('1009033');
    const validated = await checkout(session, latte);
    await merchant.placed('CON-1', orderOf(validated.checkout_id, latte));
    await merchant.billed('CON-1', { payments: [{ tender: 'credit', amount: 4.75 }] });
    const same = await merchant.billed(
      'CON-1',
      { payments: [{ tender: 'credit', amount: 4.75 }] },
      {
        idempotencyKey: 'con-1-again',
      },
    );
    expect(same.event.type).toBe('billed');
    const other = await merchant
      .billed('CON-1', { payments: [{ tender: 'cash', amount: 1 }] }, { idempotencyKey: 'con-1-other' })
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 409, code: 'event_conflict', order: { status: 'billed' } });
    expect((other as Error).message).toContain('billed');
  });

  it('the merchant client treats a 2xx it cannot read as a failure to retry', async () => {
    const client = createMerchantClient({
      proxyUrl: PROXY,
      clientId: CLIENT_ID,
      secret: MERCHANT_SECRET,
      // A proxy (or something between) that answers 202 with a body that is not JSON.
      fetch: () => Promise.resolve(new Response('<html>accepted</html>', { status: 202 })),
    });
    const error = await client.completed('X-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantApiError);
    expect(error).toMatchObject({ status: 202, code: 'unreadable_response', retryable: true });
  });
});

describe('money is sane at checkout', () => {
  it('refuses an amount for a reward that is not Points Banking or Shop With Points', async () => {
    const session = await signIn(JORDAN);
    const res = await memberFetch(session, 'POST', '/v1/checkout', {
      body: { ...cart, reward: { id: '2234410', amount: 1 } },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'reward_amount_not_allowed' } });
    expect(await orderCalls()).toHaveLength(0);
  });

  it('refuses a negative modifier (a discount hidden in the cart)', async () => {
    const session = await signIn(JORDAN);
    const res = await memberFetch(session, 'POST', '/v1/checkout', {
      body: {
        store: '999999',
        items: [
          { label: 'Latte', unit_cost: 4.75, quantity: 1, modifiers: [{ label: 'x', unit_cost: -4, quantity: 1 }] },
        ],
        subtotal: 0.75,
      },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(await orderCalls()).toHaveLength(0);
  });
});

/** A signed merchant request that can be sent, and re-sent, exactly as captured. */
async function signedRequest(path: string, body: object | undefined, idempotencyKey: string | undefined) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const method = body === undefined ? 'GET' : 'POST';
  const signature = await signMerchantRequest(
    MERCHANT_SECRET,
    { method, pathAndQuery: path, clientId: CLIENT_ID, idempotencyKey, body: text },
    Math.floor(Date.now() / 1000),
  );
  return {
    url: `${PROXY}${path}`,
    init: (override: Record<string, string> = {}): RequestInit => ({
      method,
      headers: {
        [CLIENT_HEADER]: CLIENT_ID,
        [SIGNATURE_HEADER]: signature,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(idempotencyKey !== undefined && { 'Idempotency-Key': idempotencyKey }),
        ...override,
      },
      ...(body !== undefined && { body: text }),
    }),
  };
}

const signedPost = async (path: string, body: object) => {
  const request = await signedRequest(path, body, crypto.randomUUID());
  return proxy.fetch(request.url, request.init());
};
