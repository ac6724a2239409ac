// Order ahead, tried as an attacker and as a forgetful shop would: a reward copy held by one
// placed order cannot back another (across tabs: two checkouts made before either order), the
// member's rewards show the copy as held, a hold that ends unbilled voids the order by itself at
// Spendgo, and a hold is only ever extended by a signed merchant call on a placed order.

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderLedger } from '../src/durable-objects';
import type { Rewards } from '../../shared/wire';
import {
  cart,
  checkoutAs as checkout,
  eventually,
  memberFetch,
  merchant,
  orderOf,
  paidInFull,
  resetSandbox,
  settle,
  signIn,
  upstreamCalls,
  type Session,
} from './helpers';

beforeEach(resetSandbox);

// The proxy's records outlive the sandbox's reset: orders a test leaves placed would keep holding
// the member's rewards in the next test, so each test's orders are voided after it.
const ORDERS = /^(HOLD|COPY|AHEAD)-/;
afterEach(async () => {
  const ids = (await upstreamCalls()).flatMap((c) => (c.path.endsWith('/orders') ? [c.detail.split(' ')[1]!] : []));
  for (const id of new Set(ids.filter((i) => ORDERS.test(i)))) {
    const view = await merchant.get(id);
    const stopped = view.events.some((e) => e.state === 'dead_lettered' || e.state === 'needs_reconciliation');
    if (!stopped && (view.status === 'placed' || view.status === 'billed')) {
      await merchant.voided(id);
      await until(id, 'voided');
    }
  }
});

const JORDAN = '1009029'; // one copy of 2234410 (20% off, cap $15), two of 2234402 ($5 off)
const TWENTY_OFF = '2234410';
const FIVE_OFF = '2234402';

const withReward = (id: string) => ({ ...cart, reward: { id } });

/** Spendgo order calls that change something, by order. */
const callsFor = async (orderId: string) =>
  (await upstreamCalls()).filter((c) => c.path.endsWith('/orders') && c.detail.endsWith(` ${orderId}`));

async function heldOf(session: Session, rewardId: string) {
  const res = await memberFetch(session, 'GET', '/v1/rewards?store=999999');
  expect(res.status).toBe(200);
  const { rewards } = await res.json<Rewards>();
  return rewards.filter((r) => r.id === rewardId).flatMap((r) => r.held ?? []);
}

/** Waits (bounded) for the order to reach `status` with every event delivered. */
const until = (orderId: string, status: string) =>
  eventually(
    () => merchant.get(orderId),
    (view) => view.status === status && view.events.every((e) => e.state === 'delivered'),
    `order ${orderId} becoming ${status}`,
  );

describe('a held reward backs one order', () => {
  it('two tabs validate the one copy; the second placed is refused and nothing reaches Spendgo for it', async () => {
    const session = await signIn(JORDAN);
    // Both checkouts are made before either order exists, as two tabs would.
    const first = await checkout(session, withReward(TWENTY_OFF));
    const second = await checkout(session, withReward(TWENTY_OFF));
    expect([first.reward_applied, second.reward_applied]).toEqual([true, true]);

    await merchant.placed('HOLD-A', orderOf(first.checkout_id));
    await expect(merchant.placed('HOLD-B', orderOf(second.checkout_id))).rejects.toMatchObject({
      status: 409,
      code: 'reward_held',
    });
    await settle('HOLD-A');
    expect(await callsFor('HOLD-B')).toEqual([]);

    // Every tab now sees the copy as held, and a new checkout does not apply it.
    const held = await heldOf(session, TWENTY_OFF);
    expect(held).toHaveLength(1);
    const view = await merchant.get('HOLD-A');
    expect(held[0]!.until).toBe(view.hold_until);
    const third = await checkout(session, withReward(TWENTY_OFF));
    expect(third).toMatchObject({ reward_applied: false, discount: 0, reason: 'reward_held' });
    expect(third.message).toMatch(/held for another order/);

    // Voided, the copy is free again and the second order may take it (the refused placed stored nothing).
    await merchant.voided('HOLD-A', { reason: 'shopper cancelled' });
    await until('HOLD-A', 'voided');
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);
    const placed = await merchant.placed('HOLD-B', orderOf(second.checkout_id));
    expect(placed.order).toMatchObject({ reward_id: TWENTY_OFF, discount: 4.3 });
    await settle('HOLD-B');
  });

  it('two copies back two orders, not three; billed gives the copy up once Spendgo consumed it', async () => {
    const session = await signIn(JORDAN);
    const checkouts = await Promise.all([1, 2, 3].map(() => checkout(session, withReward(FIVE_OFF))));
    const answers = await Promise.all(
      checkouts.map((c, i) =>
        merchant.placed(`COPY-${i}`, orderOf(c.checkout_id)).then(
          () => 'placed',
          (error: unknown) => (error as { code?: string }).code,
        ),
      ),
    );
    expect(answers.filter((a) => a === 'placed')).toHaveLength(2);
    expect(answers.filter((a) => a === 'reward_held')).toHaveLength(1);
    expect(await heldOf(session, FIVE_OFF)).toHaveLength(2);

    const winner = `COPY-${answers.indexOf('placed')}`;
    await merchant.billed(winner, await paidInFull(winner));
    await until(winner, 'billed');
    // Spendgo consumed one copy; the other order still holds the last one.
    const res = await memberFetch(session, 'GET', '/v1/rewards?store=999999');
    const left = (await res.json<Rewards>()).rewards.filter((r) => r.id === FIVE_OFF);
    expect(left.reduce((n, r) => n + r.quantity, 0)).toBe(1);
    expect(left.flatMap((r) => r.held ?? [])).toHaveLength(1);
  });
});

describe('a placed Spendgo refuses', () => {
  it('gives its copy back: the order does not exist at Spendgo, so nothing uses it', async () => {
    const session = await signIn(JORDAN);
    const first = await checkout(session, withReward(TWENTY_OFF));
    const second = await checkout(session, withReward(TWENTY_OFF));
    await merchant.placed('HOLD-C', orderOf(first.checkout_id));
    await merchant.billed('HOLD-C', await paidInFull('HOLD-C'));
    await until('HOLD-C', 'billed');
    // The copy is consumed and no longer held; the second order takes a hold, and Spendgo refuses it.
    await expect(merchant.placed('HOLD-D', orderOf(second.checkout_id), { wait: 5 })).rejects.toMatchObject({
      code: 'spendgo_refused',
    });
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);
    // Voiding the first gives the reward back at Spendgo, and a new checkout applies it.
    await merchant.voided('HOLD-C');
    await until('HOLD-C', 'voided');
    expect((await checkout(session, withReward(TWENTY_OFF))).reward_applied).toBe(true);
  });
});

describe('a hold that ends unbilled', () => {
  it('voids the order by itself at Spendgo, says why, gives the reward back and refuses a late billed', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, withReward(TWENTY_OFF));
    const holdUntil = new Date(Date.now() + 1_500);
    const placed = await merchant.placed('AHEAD-1', orderOf(validated.checkout_id, cart, { holdUntil }));
    expect(placed.order.hold_until).toBe(holdUntil.toISOString());
    expect(await heldOf(session, TWENTY_OFF)).toHaveLength(1);

    const view = await until('AHEAD-1', 'voided');
    expect(view).toMatchObject({ voided_by: 'hold_expired', hold_until: null });
    expect(view.events.map((e) => e.type)).toEqual(['placed', 'voided']);
    expect((await callsFor('AHEAD-1')).map((c) => c.detail)).toEqual(['placed AHEAD-1', 'voided AHEAD-1']);
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);

    // The shop comes back late to charge it: refused, with the reason.
    const late = await merchant.billed('AHEAD-1', await paidInFull('AHEAD-1')).catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((late as Error).message).toMatch(/hold ended without billed/);
    // A merchant cannot use the proxy's own key to get in the way of an auto-void.
    await expect(merchant.voided('AHEAD-2', {}, { idempotencyKey: 'proxy:hold-expired' })).rejects.toMatchObject({
      status: 400,
      code: 'idempotency_key_required',
    });
    // Voiding it too is answered as done, and sends nothing more.
    expect((await merchant.voided('AHEAD-1', { reason: 'pickup missed' })).order.voided_by).toBe('hold_expired');
    expect(await callsFor('AHEAD-1')).toHaveLength(2);
    // The checkout is free again for a new order.
    await merchant.placed('AHEAD-2', orderOf(validated.checkout_id));
    await settle('AHEAD-2');
  });

  it('a billed that arrives after the hold ended, before its alarm ran, is refused: the order voids itself then', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, withReward(TWENTY_OFF));
    const holdUntil = new Date(Date.now() + 1_000);
    await merchant.placed('AHEAD-5', orderOf(validated.checkout_id, cart, { holdUntil }));
    await settle('AHEAD-5');
    // The alarm is late (a busy platform): nothing has voided the order when the hold ends.
    await runInDurableObject(orderLedger(env.ORDER_LEDGER, 'shop-a', 'AHEAD-5'), (_, state) =>
      state.storage.deleteAlarm(),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, holdUntil.getTime() - Date.now()) + 100));
    // Meanwhile the copy is free: another order may take the reward, so this one must not be charged.
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);

    const late = await merchant.billed('AHEAD-5', await paidInFull('AHEAD-5')).catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((late as Error).message).toMatch(/hold ended without billed/);
    const view = await until('AHEAD-5', 'voided');
    expect(view).toMatchObject({ voided_by: 'hold_expired' });
    await settle('AHEAD-5');
    expect((await callsFor('AHEAD-5')).map((c) => c.detail)).toEqual(['placed AHEAD-5', 'voided AHEAD-5']);
  });

  it('a hold cannot be extended once it has ended, before its alarm ran: the order voids itself then', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, withReward(TWENTY_OFF));
    const holdUntil = new Date(Date.now() + 1_000);
    await merchant.placed('AHEAD-6', orderOf(validated.checkout_id, cart, { holdUntil }));
    await settle('AHEAD-6');
    await runInDurableObject(orderLedger(env.ORDER_LEDGER, 'shop-a', 'AHEAD-6'), (_, state) =>
      state.storage.deleteAlarm(),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, holdUntil.getTime() - Date.now()) + 100));
    // The copy is already free for another order: the hold must not come back to life.
    await expect(merchant.extendHold('AHEAD-6', new Date(Date.now() + 3600_000))).rejects.toMatchObject({
      status: 409,
      code: 'hold_not_active',
    });
    expect(await until('AHEAD-6', 'voided')).toMatchObject({ voided_by: 'hold_expired' });
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);
  });

  it('an extended hold is not voided; billed commits it; a billed order has no hold to extend', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, withReward(TWENTY_OFF));
    await merchant.placed('AHEAD-3', orderOf(validated.checkout_id, cart, { holdUntil: new Date(Date.now() + 1_000) }));
    const later = new Date(Date.now() + 3600_000);
    const extended = await merchant.extendHold('AHEAD-3', later);
    expect(extended.hold_until).toBe(later.toISOString());
    expect((await heldOf(session, TWENTY_OFF))[0]!.until).toBe(later.toISOString());
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await merchant.get('AHEAD-3')).status).toBe('placed');

    await expect(merchant.extendHold('AHEAD-3', new Date(Date.now() + 60_000))).rejects.toMatchObject({
      status: 422,
      code: 'invalid_hold',
    });
    await merchant.billed('AHEAD-3', await paidInFull('AHEAD-3'));
    await expect(merchant.extendHold('AHEAD-3', new Date(Date.now() + 7200_000))).rejects.toMatchObject({
      status: 409,
      code: 'hold_not_active',
    });
    expect((await until('AHEAD-3', 'billed')).hold_until).toBeNull();
  });

  it('a hold in the past or beyond 30 days is refused and claims nothing', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, withReward(TWENTY_OFF));
    for (const holdUntil of [new Date(Date.now() - 1_000), new Date(Date.now() + 31 * 24 * 3600_000)])
      await expect(
        merchant.placed('AHEAD-4', orderOf(validated.checkout_id, cart, { holdUntil })),
      ).rejects.toMatchObject({ status: 422, code: 'invalid_hold' });
    await expect(merchant.get('AHEAD-4')).rejects.toMatchObject({ code: 'order_not_found' });
    expect(await heldOf(session, TWENTY_OFF)).toEqual([]);
    await expect(merchant.extendHold('AHEAD-4', new Date(Date.now() + 60_000))).rejects.toMatchObject({
      status: 404,
      code: 'order_not_found',
    });
  });
});
