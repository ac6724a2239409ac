// Reservations and orders for later: the time the guest is expected (`wanted`) and the order's
// type reach Spendgo at placed in its documented form, and a hold runs until that time plus the
// client's window, never past the hard cap. Through the real proxy and the strict sandbox.

import { beforeEach, describe, expect, it } from 'vitest';
import { guestCheckoutAs, merchant, orderOf, resetSandbox, settle, upstreamCalls } from './helpers';

beforeEach(resetSandbox);

const HOUR = 3600_000;
/** A time to the second, as Spendgo's documents write it (YYYY-MM-DDTHH:MM:SSZ). */
const spendgoTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('a reservation', () => {
  it("reaches Spendgo with its time and type; the order holds until the reservation plus the client's window", async () => {
    const at = Date.now() + 26 * HOUR;
    const checkout = await guestCheckoutAs({
      store: '999999',
      items: [{ label: 'Tasting menu', unit_cost: 85, quantity: 2 }],
      subtotal: 170,
    });
    const placed = await merchant.placed(
      'RES-1',
      orderOf(
        checkout.checkout_id,
        { store: '999999', items: [{ label: 'Tasting menu', unit_cost: 85, quantity: 2 }], subtotal: 170 },
        {
          wanted: new Date(at),
          orderType: 'catering',
          rendition: 'onsite',
        },
      ),
    );
    // shop-a's window after the reservation is the default, two hours.
    expect(placed.order).toMatchObject({
      wanted: spendgoTime(at),
      order_type: 'catering',
      hold_until: new Date(at + 2 * HOUR).toISOString(),
    });
    await settle('RES-1');
    const call = (await upstreamCalls()).find((c) => c.detail.startsWith('placed RES-1'));
    expect(call).toMatchObject({ status: 200, detail: `placed RES-1 wanted ${spendgoTime(at)} catering` });
    expect((await merchant.get('RES-1')).wanted).toBe(spendgoTime(at));
  });

  it('an explicit hold_until still wins; a reservation beyond the hard cap, or already past, is refused', async () => {
    const cart = { store: '999999', items: [{ label: 'Table deposit', unit_cost: 20, quantity: 1 }], subtotal: 20 };
    const checkout = await guestCheckoutAs(cart);
    const holdUntil = new Date(Date.now() + 3 * HOUR);
    const placed = await merchant.placed(
      'RES-2',
      orderOf(checkout.checkout_id, cart, { wanted: new Date(Date.now() + 5 * HOUR), holdUntil }),
    );
    expect(placed.order.hold_until).toBe(holdUntil.toISOString());

    const far = await guestCheckoutAs(cart);
    for (const wanted of [new Date(Date.now() + 31 * 24 * HOUR), new Date(Date.now() - 3 * HOUR)])
      await expect(merchant.placed('RES-3', orderOf(far.checkout_id, cart, { wanted }))).rejects.toMatchObject({
        status: 422,
        code: 'invalid_hold',
      });
    await expect(merchant.get('RES-3')).rejects.toMatchObject({ code: 'order_not_found' });
    await settle('RES-2');
    expect((await upstreamCalls()).filter((c) => c.detail.includes('RES-3'))).toEqual([]);
  });
});
