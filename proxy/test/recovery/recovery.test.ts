// Recovery after a Spendgo outage, with production-like backoff (vitest.recovery.config.ts: a
// failed delivery waits 2–4 minutes). 250 orders of one member carry four events each (placed,
// billed, completed, refunded: 1,000 events) into an outage; each order's placed fails once and
// waits.
// When Spendgo is back and the first order's retry comes (forced here: its own timer is
// minutes away), that delivery wakes the rest through the client's recovery board, and every
// order is delivered long before its own backoff would have retried it, exactly once. While
// Spendgo is still down, one order's retry failing again wakes nobody.

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import type { CheckoutResponse, OrderView } from '../../../shared/wire';
import { orderLedger, recoveryBoard } from '../../src/durable-objects';
import { inspectMember, memberFetch, orderOf, resetSandbox, setFaults, signIn, SHOPS, type Session } from '../helpers';

const SHOP = SHOPS.grill;
const MEMBER = '1009031'; // Points Banking: points are earned per dollar, exactly.
const { merchant } = SHOP;
const paid = (amount: number) => ({ payments: [{ tender: 'credit' as const, amount }] });

interface Order {
  orderId: string;
  subtotal: number;
  cart: { store: string; items: { label: string; unit_cost: number; quantity: number }[]; subtotal: number };
  checkoutId: string;
}

/** A validated checkout of the member's, each from its own address, as shoppers' are. */
async function checkout(session: Session, run: string, i: number): Promise<Order> {
  const subtotal = 5 + (i % 40);
  const cart = { store: '999999', items: [{ label: `Meal ${i}`, unit_cost: subtotal, quantity: 1 }], subtotal };
  const res = await memberFetch(session, 'POST', '/v1/checkout', {
    body: cart,
    headers: { 'Idempotency-Key': `${run}-${i}`, 'CF-Connecting-IP': `198.51.${Math.floor(i / 200)}.${i % 200}` },
  });
  expect(res.status).toBe(200);
  const { checkout_id } = await res.json<CheckoutResponse>();
  return { orderId: `${run}-${i}`, subtotal, cart, checkoutId: checkout_id };
}

/** Orders whose placed was tried once, failed, and now waits on its backoff. */
async function intoOutage(run: string, count: number, lifecycle: boolean): Promise<Order[]> {
  const orders: Order[] = [];
  let session = await signIn(MEMBER, SHOP);
  for (let i = 0; i < count; i++) {
    // A sign-in may make 120 member requests a minute: the member signs in again now and then.
    if (i > 0 && i % 50 === 0) session = await signIn(MEMBER, SHOP);
    orders.push(await checkout(session, run, i));
  }
  await setFaults({ error_rate: 1 });
  for (let i = 0; i < orders.length; i += 25)
    await Promise.all(
      orders.slice(i, i + 25).map(async (order) => {
        await merchant.placed(order.orderId, orderOf(order.checkoutId, order.cart));
        if (!lifecycle) return;
        await merchant.billed(order.orderId, paid(order.subtotal));
        await merchant.completed(order.orderId);
        await merchant.refunded(order.orderId);
      }),
    );
  await waitFor(orders, (view) => view.events[0]!.attempts === 1 && view.events[0]!.last_error !== null);
  return orders;
}

/** Reads every order until each satisfies `done` (bounded: about two minutes). */
async function waitFor(orders: readonly Order[], done: (view: OrderView) => boolean): Promise<Map<string, OrderView>> {
  const views = new Map<string, OrderView>();
  for (let round = 0; round < 1200 && views.size < orders.length; round++) {
    await Promise.all(
      orders
        .filter((o) => !views.has(o.orderId))
        .map(async (o) => {
          const view = await merchant.get(o.orderId);
          if (done(view)) views.set(o.orderId, view);
        }),
    );
    if (views.size < orders.length) await new Promise((r) => setTimeout(r, 100));
  }
  expect(views.size).toBe(orders.length);
  return views;
}

/** As if `order`'s own backoff ran out now: its next attempt is due and its alarm set. */
async function retryNow(order: Order): Promise<void> {
  await runInDurableObject(orderLedger(env.ORDER_LEDGER, SHOP.clientId, order.orderId), async (_, state) => {
    state.storage.sql.exec("UPDATE events SET next_attempt_at = ? WHERE state = 'pending'", Date.now());
    await state.storage.setAlarm(Date.now());
  });
}

const boardSize = () => recoveryBoard(env.RECOVERY_BOARDS, SHOP.clientId).size();

it('wakes every waiting order once Spendgo answers again: 1,000 events delivered exactly once, long before their backoff', async () => {
  await resetSandbox();
  const orders = await intoOutage('rec', 250, true);
  expect(await boardSize()).toBe(250);
  const waiting = await waitFor(orders, () => true);
  const ownRetry = new Map([...waiting].map(([id, view]) => [id, Date.parse(view.events[0]!.next_attempt_at!)]));

  await setFaults({});
  const back = Date.now();
  await retryNow(orders[0]!);
  const views = await waitFor(orders, (view) => view.events.every((e) => e.state === 'delivered'));
  const drainedAt = Math.max(...[...views.values()].flatMap((v) => v.events.map((e) => Date.parse(e.delivered_at!))));

  for (const [id, view] of views) {
    expect(view.events.map((e) => e.type)).toEqual(['placed', 'billed', 'completed', 'refunded']);
    // Woken by the board: its own retry was minutes away.
    expect(Date.parse(view.events[0]!.delivered_at!), id).toBeLessThan(ownRetry.get(id)!);
  }
  // Exactly once at Spendgo: each order earned its points once and had them reversed once.
  const ledger = (await inspectMember(MEMBER)).ledger;
  for (const order of orders) {
    const entries = (kind: string) => ledger.filter((e) => e.order_id === order.orderId && e.kind === kind).length;
    expect([entries('earn'), entries('reverse')], order.orderId).toEqual([1, 1]);
  }
  expect(await boardSize()).toBe(0);
  console.info(
    `recovery: ${orders.length * 4} events (${orders.length} orders) drained ${((drainedAt - back) / 1000).toFixed(1)} s ` +
      'after Spendgo came back and the first retry was made',
  );
}, 300_000);

it('wakes nobody while Spendgo is still down: a retry that fails again only puts its order back to wait', async () => {
  await resetSandbox();
  const orders = await intoOutage('down', 40, false);
  await retryNow(orders[0]!);
  await waitFor([orders[0]!], (view) => view.events[0]!.attempts === 2);
  // Nothing was set to wake anyone: no board alarm and no order marked woken (reading the
  // attempts alone could miss a wake that had not run yet).
  const board = recoveryBoard(env.RECOVERY_BOARDS, SHOP.clientId);
  const woken = await runInDurableObject(board, async (_, state) => ({
    alarm: await state.storage.getAlarm(),
    woken: state.storage.sql.exec('SELECT order_id FROM waiting WHERE woken_at IS NOT NULL').toArray().length,
  }));
  expect(woken).toEqual({ alarm: null, woken: 0 });
  const views = await waitFor(orders.slice(1), () => true);
  for (const view of views.values()) expect(view.events[0]!.attempts).toBe(1);
  expect(await boardSize()).toBe(40);
}, 120_000);
