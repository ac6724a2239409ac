// With SPENDGO_REPLAY_SAFE off (the default for a real Spendgo, which does not document how it
// answers a repeated state change), a state change whose answer was lost is never repeated on a
// guess: it stops as needs_reconciliation, holding the events after it, until the merchant says
// it was applied (confirm) or not (redrive). Against the real sandbox, checked on its ledger.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  cart,
  checkoutAs,
  inspectMember,
  merchant,
  orderOf,
  paidInFull,
  resetSandbox,
  setFaults,
  settle,
  signIn,
  upstreamCalls,
} from '../helpers';

beforeEach(resetSandbox);

const RILEY = '1009033'; // points, nothing yet

async function placedOrder(orderId: string): Promise<void> {
  const { checkout_id } = await checkoutAs(await signIn(RILEY), cart);
  await merchant.placed(orderId, orderOf(checkout_id));
  await merchant.billed(orderId, await paidInFull(orderId));
  await settle(orderId);
}

const calls = async (orderId: string) =>
  (await upstreamCalls()).filter((c) => c.detail.endsWith(` ${orderId}`)).map((c) => `${c.detail} ${c.status}`);
const earned = async (orderId: string) =>
  (await inspectMember(RILEY)).ledger.filter((e) => e.order_id === orderId && e.kind === 'earn').length;

describe('a state change whose answer was lost', () => {
  it('stops as needs_reconciliation instead of being repeated; confirm records it, the next event follows', async () => {
    await placedOrder('NR-1');
    // Spendgo applies `completed` (points earned) but the answer never arrives.
    await setFaults({ sequence: ['drop'] });
    await merchant.completed('NR-1');
    await merchant.refunded('NR-1', { reason: 'customer request' });
    const stuck = await settle('NR-1');
    expect(stuck.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'needs_reconciliation', 'pending']);
    expect(stuck.events[2]?.last_error).toMatch(/unknown whether Spendgo applied it.*confirm.*re-drive/);
    expect(stuck.events[3]?.last_error).toContain('needs reconciliation');
    // Sent once, never repeated on a guess.
    expect(await calls('NR-1')).toEqual(['placed NR-1 200', 'billed NR-1 200', 'completed NR-1 502']);
    expect(await earned('NR-1')).toBe(1);

    // The merchant checks at Spendgo: it was applied.
    await merchant.confirm('NR-1', 3);
    const done = await settle('NR-1');
    expect(done.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(await calls('NR-1')).toEqual([
      'placed NR-1 200',
      'billed NR-1 200',
      'completed NR-1 502',
      'refunded NR-1 200',
    ]);
    expect(await earned('NR-1')).toBe(1);
    expect((await inspectMember(RILEY)).member.balance).toBe(0);
  });

  it('a timeout that was not applied: the merchant re-drives it and it is applied once', async () => {
    await placedOrder('NR-2');
    await setFaults({ sequence: ['timeout'], timeout_ms: 700 });
    await merchant.completed('NR-2');
    const stuck = await settle('NR-2');
    expect(stuck.events[2]?.state).toBe('needs_reconciliation');
    expect(await earned('NR-2')).toBe(0);
    await merchant.redrive('NR-2', 3);
    expect((await settle('NR-2')).events[2]?.state).toBe('delivered');
    expect(await earned('NR-2')).toBe(1);
  });

  it('a 429 (not processed) and placed (moves no money) are still retried on their own', async () => {
    const { checkout_id } = await checkoutAs(await signIn(RILEY), cart);
    await setFaults({ sequence: ['error', 'rate_limit'] });
    await merchant.placed('NR-3', orderOf(checkout_id));
    expect((await settle('NR-3')).events[0]).toMatchObject({ state: 'delivered', attempts: 3 });
    await setFaults({ sequence: ['rate_limit'] });
    await merchant.billed('NR-3', await paidInFull('NR-3'));
    expect((await settle('NR-3')).events[1]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('confirm and redrive refuse an event that has not stopped', async () => {
    await placedOrder('NR-4');
    await expect(merchant.confirm('NR-4', 2)).rejects.toMatchObject({ status: 409, code: 'not_dead_lettered' });
    await expect(merchant.redrive('NR-4', 9)).rejects.toMatchObject({ status: 404, code: 'event_not_found' });
  });
});

describe('confirming a lost billed', () => {
  it("records Spendgo's transaction id the merchant read there, so a later refund carries it", async () => {
    const { checkout_id } = await checkoutAs(await signIn(RILEY), cart);
    await merchant.placed('NR-5', orderOf(checkout_id));
    await settle('NR-5');
    await setFaults({ sequence: ['drop'] });
    await merchant.billed('NR-5', await paidInFull('NR-5'));
    expect((await settle('NR-5')).events[1]?.state).toBe('needs_reconciliation');
    // The merchant looks the order up at Spendgo (here: the sandbox's own record of it).
    const atSpendgo = (await inspectMember(RILEY)) as unknown as {
      orders: { orderId: string; transactionId: string }[];
    };
    const transactionId = atSpendgo.orders.find((o) => o.orderId === 'NR-5')!.transactionId;
    const confirmed = await merchant.confirm('NR-5', 2, transactionId);
    expect(confirmed).toMatchObject({ transaction_id: transactionId, events: [{}, { state: 'delivered' }] });
    await merchant.completed('NR-5');
    await merchant.refunded('NR-5');
    expect((await settle('NR-5')).events.map((e) => e.state)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(await earned('NR-5')).toBe(1);
  });
});
