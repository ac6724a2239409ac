// Reliability under a hostile Spendgo: 200 order lifecycles while the sandbox fails 30 % of
// calls with 5xx, times out 10 % and drops 5 % of answers after applying them, and every order
// Durable Object is evicted repeatedly. Every accepted event ends delivered, or dead-lettered
// with a reason; once the merchant re-drives the dead letters, every event is delivered exactly
// once — checked against the sandbox's own ledger, point for point.

import { evictAllDurableObjects } from 'cloudflare:test';
import { expect, it } from 'vitest';
import type { CheckoutResponse, OrderView } from '../../shared/wire';
import {
  adjustMember,
  inspectMember,
  memberFetch,
  resetSandbox,
  setFaults,
  signIn,
  upstreamCalls,
  orderOf,
  paidInFull,
  SHOPS,
} from './helpers';

const ORDERS = 200;
const MEMBER = '1009031'; // Points Banking: no automatic reward issuance, so points are exact.
const SHOP = SHOPS.grill; // Avery's account
const merchant = SHOP.merchant;
const START = 100_000;
const TIER_POINTS = 100;
const TIER_VALUE = 10;

type Scenario = 'complete' | 'void_after_billing' | 'refund_after_completion' | 'void_after_placing';
const scenarios: Scenario[] = ['complete', 'void_after_billing', 'refund_after_completion', 'void_after_placing'];

interface Plan {
  orderId: string;
  scenario: Scenario;
  reward: boolean;
  subtotal: number;
  checkoutId: string;
  cart: { store: string; items: { label: string; unit_cost: number; quantity: number }[]; subtotal: number };
}

async function drive(plan: Plan): Promise<void> {
  await merchant.placed(plan.orderId, orderOf(plan.checkoutId, plan.cart));
  if (plan.scenario === 'void_after_placing') {
    await merchant.voided(plan.orderId);
    return;
  }
  await merchant.billed(plan.orderId, await paidInFull(plan.orderId, merchant));
  if (plan.scenario === 'void_after_billing') {
    await merchant.voided(plan.orderId);
    return;
  }
  await merchant.completed(plan.orderId);
  if (plan.scenario === 'refund_after_completion') await merchant.refunded(plan.orderId);
}

const settled = (view: OrderView) => view.events.find((e) => e.state !== 'delivered')?.state !== 'pending';

it('delivers every accepted event exactly once, re-driving what was dead-lettered', async () => {
  await resetSandbox();
  await adjustMember(MEMBER, START - 250);
  let session = await signIn(MEMBER, SHOP);
  const plans: Plan[] = [];
  for (let i = 0; i < ORDERS; i++) {
    // A sign-in may make 120 member requests a minute: the member signs in again now and then.
    if (i > 0 && i % 50 === 0) session = await signIn(MEMBER, SHOP);
    const reward = i % 10 === 0;
    const subtotal = 5 + ((i * 37) % 5000) / 100;
    const cart = { store: '999999', items: [{ label: `Meal ${i}`, unit_cost: subtotal, quantity: 1 }], subtotal };
    const res = await memberFetch(session, 'POST', '/v1/checkout', {
      body: { ...cart, ...(reward && { reward: { id: 'P_PB100' } }) },
      headers: { 'Idempotency-Key': `chaos-${i}` },
    });
    const checkout = await res.json<CheckoutResponse>();
    expect(checkout.reward_applied).toBe(reward);
    plans.push({
      orderId: `CH-${i}`,
      scenario: scenarios[i % 4]!,
      reward,
      subtotal,
      checkoutId: checkout.checkout_id,
      cart,
    });
  }

  await setFaults({ error_rate: 0.3, timeout_rate: 0.1, drop_rate: 0.05, timeout_ms: 700 });
  for (let i = 0; i < plans.length; i += 25) {
    await Promise.all(plans.slice(i, i + 25).map(drive));
    await evictAllDurableObjects();
  }

  // Under faults, each order settles: everything delivered, or stopped at a dead letter.
  const underFaults = await settleAll(plans);
  let dead = 0;
  let waiting = 0; // accepted after an earlier event of the same order was dead-lettered
  for (const view of underFaults.values()) {
    for (const event of view.events) {
      if (event.state === 'dead_lettered') {
        dead++;
        // A transport failure leaves Spendgo's side unknown; the reason says so.
        expect(event.last_error).toMatch(
          /Gave up after \d+ attempts; .*Spendgo may have applied it: a re-drive repeats the same call/,
        );
      } else if (event.state === 'pending') {
        waiting++;
        expect(event.last_error).toContain('dead-lettered');
      }
    }
  }

  // The merchant re-drives every dead letter once Spendgo is well again. An event whose answer
  // was lost may already be applied: the re-drive must not apply it twice.
  await setFaults({});
  for (const view of underFaults.values()) {
    const first = view.events.find((e) => e.state === 'dead_lettered');
    if (first) await merchant.redrive(view.order_id, first.seq);
  }
  const views = await settleAll(plans);

  const ledger = (await inspectMember(MEMBER)).ledger;
  let expected = START;
  for (const plan of plans) {
    const view = views.get(plan.orderId)!;
    expect(
      view.events.map((e) => e.state),
      plan.orderId,
    ).toEqual(view.events.map(() => 'delivered'));
    const done = (type: string) => view.events.some((e) => e.type === type);
    const discount = plan.reward ? Math.min(TIER_VALUE, plan.subtotal) : 0;
    const earned = Math.floor(Math.max(0, plan.subtotal - discount));
    if (plan.reward && done('billed')) expected -= TIER_POINTS;
    if (done('completed')) expected += earned;
    if (plan.reward && done('billed') && (done('voided') || done('refunded'))) expected += TIER_POINTS;
    if (done('refunded') && done('completed')) expected -= earned;
    // Exactly once at Spendgo: one ledger entry per effect, whatever the retries.
    const entries = (kind: string) => ledger.filter((e) => e.order_id === plan.orderId && e.kind === kind).length;
    expect(entries('earn'), plan.orderId).toBe(done('completed') ? 1 : 0);
    expect(entries('redeem'), plan.orderId).toBe(plan.reward && done('billed') ? 1 : 0);
    expect(entries('restore'), plan.orderId).toBe(
      plan.reward && done('billed') && (done('voided') || done('refunded')) ? 1 : 0,
    );
    expect(entries('reverse'), plan.orderId).toBe(done('refunded') && done('completed') && earned > 0 ? 1 : 0);
  }
  expect((await inspectMember(MEMBER)).member.balance).toBe(expected);
  // Every accepted event is there: 3 + 3 + 4 + 2 events per four orders.
  expect([...views.values()].reduce((n, v) => n + v.events.length, 0)).toBe(600);
  // The faults really happened: injected 5xx, timeouts (504 after the proxy gave up) and dropped answers.
  const statuses = new Set((await upstreamCalls()).map((c) => c.status));
  for (const status of [500, 502, 504]) expect(statuses).toContain(status);
  console.info(
    `chaos: ${plans.length} orders; under faults ${dead} events dead-lettered and ${waiting} waiting behind them; ` +
      'after re-drives all 600 delivered exactly once',
  );
}, 300_000);

/** Reads every order until none has an event still in delivery (evicting the objects now and then). */
async function settleAll(plans: readonly Plan[]): Promise<Map<string, OrderView>> {
  const views = new Map<string, OrderView>();
  for (let round = 0; round < 600 && views.size < plans.length; round++) {
    for (const plan of plans) {
      if (views.has(plan.orderId)) continue;
      const view = await merchant.get(plan.orderId);
      if (settled(view)) views.set(plan.orderId, view);
    }
    if (round % 20 === 5) await evictAllDurableObjects();
    if (views.size < plans.length) await new Promise((r) => setTimeout(r, 100));
  }
  expect(views.size).toBe(plans.length);
  return views;
}
