// Storefronts that share one Spendgo account share its order ids at Spendgo, so one storefront's
// backend must not be able to reach another's order there: an order id is claimed account-wide by
// the first storefront to place it, and an event Spendgo refused cannot be confirmed as applied.
// Attacks through the real proxy, checked on the sandbox's request log and ledger.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  cart,
  checkoutAs as checkout,
  guestCheckoutAs,
  inspectMember,
  merchant,
  orderOf,
  paidInFull,
  resetSandbox,
  settle,
  SHOPS,
  signIn,
  upstreamCalls,
} from './helpers';

beforeEach(resetSandbox);

const JORDAN = '1009029'; // shop-a's default account: holds the $5 reward 2234402
const other = SHOPS.b; // the same Spendgo account, another storefront and backend
const bCart = { ...cart, store: '100002' };

const changes = async (orderId: string) =>
  (await upstreamCalls())
    .filter((c) => c.path.endsWith('/orders') && c.detail.endsWith(` ${orderId}`))
    .map((c) => c.detail);

describe('an order id is one storefront’s across the account', () => {
  it('another storefront cannot place, void or refund an order id already placed on the account', async () => {
    const session = await signIn(JORDAN);
    const validated = await checkout(session, { ...cart, reward: { id: '2234402' } });
    await merchant.placed('SHARED-1', orderOf(validated.checkout_id));
    expect(await settle('SHARED-1')).toMatchObject({ status: 'placed' });

    const theirs = await guestCheckoutAs(bCart, other);
    await expect(other.merchant.placed('SHARED-1', orderOf(theirs.checkout_id, bCart))).rejects.toMatchObject({
      status: 409,
      code: 'order_id_taken',
    });
    await expect(other.merchant.voided('SHARED-1')).rejects.toMatchObject({ status: 404, code: 'order_not_found' });
    expect(await changes('SHARED-1')).toEqual(['placed SHARED-1']);

    // Shop A's order goes on untouched: billed, completed, Jordan earns on it.
    await merchant.billed('SHARED-1', await paidInFull('SHARED-1'));
    await merchant.completed('SHARED-1');
    expect(await settle('SHARED-1')).toMatchObject({ status: 'completed' });
    expect(await changes('SHARED-1')).toEqual(['placed SHARED-1', 'billed SHARED-1', 'completed SHARED-1']);
    expect(
      (await inspectMember(JORDAN)).ledger.filter((e) => e.order_id === 'SHARED-1' && e.kind === 'earn'),
    ).toHaveLength(1);
  });

  it('the storefront that placed first keeps the id, and a retry of its own placed is still answered', async () => {
    const mine = await guestCheckoutAs(cart);
    await merchant.placed('SHARED-2', orderOf(mine.checkout_id));
    const again = await merchant.placed('SHARED-2', orderOf(mine.checkout_id));
    expect(again.order.order_id).toBe('SHARED-2');
    const theirs = await guestCheckoutAs(bCart, other);
    await expect(other.merchant.placed('SHARED-2', orderOf(theirs.checkout_id, bCart))).rejects.toMatchObject({
      code: 'order_id_taken',
    });
    // An id of its own is fine for the other storefront.
    await other.merchant.placed('SHARED-2-B', orderOf(theirs.checkout_id, bCart));
    expect(await settle('SHARED-2-B', other.merchant)).toMatchObject({ status: 'placed' });
  });
});

describe('an event Spendgo refused was not applied', () => {
  it('cannot be confirmed: confirm is 409 event_refused, and the order stays stopped', async () => {
    const session = await signIn(JORDAN);
    // 2234420 applies to sandwiches; once REF-1 is billed it is spent, and Spendgo refuses REF-2's.
    const sandwiches = {
      ...cart,
      items: [{ label: 'Sandwich', unit_cost: 9, quantity: 2, categories: ['sandwich'] }],
      subtotal: 18,
    };
    const first = await checkout(session, { ...sandwiches, reward: { id: '2234420' } });
    const second = await checkout(session, { ...sandwiches, reward: { id: '2234420' } });
    await merchant.placed('REF-1', orderOf(first.checkout_id, sandwiches), { wait: 5 });
    await merchant.billed('REF-1', await paidInFull('REF-1'), { wait: 5 });
    await merchant.placed('REF-2', orderOf(second.checkout_id, sandwiches), { wait: 5 }).catch(() => undefined);
    const stopped = await settle('REF-2');
    expect(stopped.events[0]).toMatchObject({ state: 'dead_lettered', refused: true });

    await expect(merchant.confirm('REF-2', 1)).rejects.toMatchObject({ status: 409, code: 'event_refused' });
    const view = await merchant.get('REF-2');
    expect(view.events[0]).toMatchObject({ state: 'dead_lettered' });
    await expect(merchant.voided('REF-2')).resolves.toBeDefined();
    expect(await changes('REF-2')).toEqual(['placed REF-2']);
  });
});
