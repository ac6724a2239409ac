// The merchant's list of its orders (GET /v1/orders, from the client's OrderIndex): newest
// first, filtered by status, by what needs attention and by date, in pages, and kept current by
// each order's ledger as its events are delivered, stopped or voided by a hold's end.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  cart,
  checkoutAs as checkout,
  eventually,
  merchant,
  orderOf,
  paidInFull,
  proxy,
  PROXY,
  resetSandbox,
  setFaults,
  settle,
  signIn,
} from './helpers';

beforeEach(resetSandbox);

/** Waits (bounded) until listing with `filter` shows `ids` among its orders. */
async function listed(filter: Parameters<typeof merchant.list>[0], ids: string[]) {
  const page = await eventually(
    () => merchant.list(filter),
    (p) => ids.every((id) => p.orders.some((o) => o.order_id === id)),
    `the list showing ${ids.join(', ')}`,
    200,
  );
  return { page, mine: page.orders.filter((o) => ids.includes(o.order_id)) };
}

describe('the order list', () => {
  it('lists orders newest first, by status, needing attention, and by date, in pages', async () => {
    const started = new Date();
    const session = await signIn('1009033');
    const done = await checkout(session, cart);
    await merchant.placed('LIST-1', orderOf(done.checkout_id));
    await merchant.billed('LIST-1', await paidInFull('LIST-1'));
    await merchant.completed('LIST-1');
    await settle('LIST-1');
    const stuck = await checkout(session, cart);
    await setFaults({ error_rate: 1 });
    await merchant.placed('LIST-3', orderOf(stuck.checkout_id));
    await settle('LIST-3');
    await setFaults({});
    const held = await checkout(session, cart);
    await merchant.placed('LIST-2', orderOf(held.checkout_id, cart, { holdUntil: new Date(Date.now() + 500) }));

    const all = await listed({ from: started }, ['LIST-1', 'LIST-2', 'LIST-3']);
    expect(all.mine.map((o) => o.order_id)).toEqual(['LIST-2', 'LIST-3', 'LIST-1']);
    expect(all.mine[2]).toMatchObject({ status: 'completed', attention: null });
    const attention = await listed({ attention: true, from: started }, ['LIST-3']);
    expect(attention.page.orders.map((o) => [o.order_id, o.attention])).toEqual([['LIST-3', 'dead_lettered']]);
    const voided = await listed({ status: 'voided', from: started }, ['LIST-2']);
    expect(voided.mine[0]).toMatchObject({ voided_by: 'hold_expired', hold_until: null });
    expect((await merchant.list({ to: started })).orders.map((o) => o.order_id)).not.toContain('LIST-1');
    // One reason of attention, orders the proxy voided, and orders still holding their reward.
    await listed({ attention: 'dead_lettered', from: started }, ['LIST-3']);
    expect((await merchant.list({ attention: 'webhook_failed', from: started })).orders).toEqual([]);
    const autoVoided = await listed({ voidedBy: 'hold_expired', from: started }, ['LIST-2']);
    expect(autoVoided.page.orders).toHaveLength(1);
    const holding = await checkout(session, cart);
    await merchant.placed('LIST-4', orderOf(holding.checkout_id));
    // LIST-3's placed stopped, but its hold runs on (a re-drive may still place it); the billed,
    // completed and voided orders hold nothing.
    const heldNow = await listed({ held: true, from: started }, ['LIST-4']);
    expect(heldNow.page.orders.map((o) => o.order_id)).toEqual(['LIST-4', 'LIST-3']);
    await merchant.voided('LIST-4');
    await settle('LIST-4');

    // Pages of one: each cursor goes on where the page before stopped.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await merchant.list({ from: started, limit: 1, ...(cursor && { cursor }) });
      seen.push(...page.orders.map((o) => o.order_id));
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(['LIST-4', 'LIST-2', 'LIST-3', 'LIST-1']);
  });

  it('refuses a bad filter, and an unsigned request', async () => {
    await expect(merchant.list({ limit: 500 })).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    const unsigned = await proxy.fetch(`${PROXY}/v1/orders`);
    expect(unsigned.status).toBe(401);
  });
});
