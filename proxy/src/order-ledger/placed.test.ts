// Properties of the money core: for any checkout and any `placed` the merchant may send, what
// is accepted credits points on the merchant's own subtotal, never takes more than the validated
// discount, and one checkout never backs two live orders. Plus the table of refusals.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CartItem } from '../../../shared/wire';
import { cartFingerprint, cents, itemsTotal } from '../checkout/cart';
import type { CheckoutRecordData } from '../checkout/checkout-record';
import { claimCheckout, releaseCheckout, resolvePlaced, type PlacedClaim, type PlacedEvent } from './placed';
import { lifecycleBody } from './spendgo-body';

const NOW = 1_800_000_000;
const money = fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100);

const itemArb: fc.Arbitrary<CartItem> = fc.record({
  label: fc.constantFrom('Latte', 'Salad', 'Cookie'),
  unit_cost: money,
  quantity: fc.integer({ min: 1, max: 5 }),
});

async function recordFor(items: CartItem[], rewardId: string | null, discount: number): Promise<CheckoutRecordData> {
  const cart = { store: '999999', source: 'web' as const, items, subtotal: itemsTotal(items) };
  return {
    checkoutId: `ck_${'a'.repeat(64)}`,
    clientId: 'shop-a',
    account: 'default',
    memberId: '1009029',
    store: '999999',
    rewardId,
    discount: rewardId === null ? 0 : discount,
    cartFingerprint: await cartFingerprint(cart),
    cart,
    expiresAt: NOW + 600,
  };
}

function placed(items: CartItem[], extra: Partial<PlacedEvent> = {}): PlacedEvent {
  return {
    type: 'placed',
    checkout_id: `ck_${'a'.repeat(64)}`,
    store: '999999',
    source: 'web',
    items,
    subtotal: itemsTotal(items),
    // An authorisation that covers any order these tests make (placed's payments must cover the total).
    payments: [{ tender: 'credit', amount: 100_000 }],
    ...extra,
  };
}

async function claimOf(event: PlacedEvent, orderKey = 'shop-a:A-1'): Promise<PlacedClaim> {
  return {
    orderKey,
    clientId: 'shop-a',
    account: 'default',
    event,
    fingerprint: await cartFingerprint(event),
    now: NOW,
  };
}

describe('accepted orders are priced by the merchant, within the validated discount', () => {
  it('for any checkout and any placed: points are asked on the merchant subtotal, discount ≤ validated, total ≥ 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(null, '2234402', 'P_SWP'),
        money,
        fc.option(money, { nil: undefined }),
        fc.option(money, { nil: undefined }),
        fc.option(money, { nil: undefined }),
        fc.boolean(),
        async (validatedItems, statedItems, rewardId, validated, rewardDiscount, tax, total, sameCart) => {
          const record = await recordFor(validatedItems, rewardId, validated);
          const event = placed(sameCart ? validatedItems : statedItems, {
            ...(rewardDiscount !== undefined && { reward_discount: rewardDiscount }),
            ...(tax !== undefined && { tax }),
            ...(total !== undefined && { total }),
          });
          const result = resolvePlaced(await claimOf(event), record, null);
          if (!result.ok) return;
          const order = result.value;
          // The cart that will be credited is the merchant's, and it is the validated one.
          expect(order.cart.subtotal).toBe(cents(event.subtotal));
          expect(await cartFingerprint(order.cart)).toBe(record.cartFingerprint);
          expect(order.discount).toBeLessThanOrEqual(record.discount + 0.005);
          expect(order.cart.total).toBeGreaterThanOrEqual(0);
          for (const status of ['placed', 'billed', 'completed', 'voided', 'refunded'] as const) {
            const body = lifecycleBody(
              {
                ...order,
                clientId: 'shop-a',
                orderId: 'A-1',
                status,
                transactionId: '1',
                holdUntil: null,
                rewardHeld: false,
                voidedBy: null,
                audit: [],
              },
              status,
              '33559',
              {},
            ) as { subtotal: number; discount: number; total: number };
            expect(body.subtotal).toBe(cents(event.subtotal));
            expect(body.discount).toBeLessThanOrEqual(record.discount + 0.005);
            expect(body.total).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the same checkout never backs two live orders, whatever the sequence of placed and voided', async () => {
    const items = [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }];
    const record = await recordFor(items, '2234402', 5);
    const claims = await Promise.all(['A', 'B', 'C'].map((o) => claimOf(placed(items), `shop-a:${o}`)));
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('placed', 'voided'), order: fc.integer({ min: 0, max: 2 }) }), {
          maxLength: 30,
        }),
        (ops) => {
          let claimedBy: string | null = null;
          const live = new Set<string>();
          for (const { op, order } of ops) {
            const claim = claims[order]!;
            if (op === 'placed') {
              const next = claimCheckout(claim, record, claimedBy);
              claimedBy = next.claimedBy;
              if (next.decision.ok) live.add(claim.orderKey);
              else expect(next.decision.error.code).toBe('checkout_used');
            } else if (live.has(claim.orderKey)) {
              live.delete(claim.orderKey);
              claimedBy = releaseCheckout(claim.orderKey, claimedBy);
            }
            expect(live.size).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('refusals', () => {
  const items = [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }];

  it.each<[string, Partial<PlacedEvent>, string]>([
    ['another store', { store: '100001' }, 'recheckout_required'],
    ['another source', { source: 'mobileapp' }, 'recheckout_required'],
    ['a subtotal that is not the items', { subtotal: 20 }, 'cart_mismatch'],
    ['other items', { items: [{ label: 'Salad', unit_cost: 1, quantity: 1 }], subtotal: 1 }, 'recheckout_required'],
    ['a higher reward discount', { reward_discount: 5.01 }, 'discount_too_high'],
    ['a lower discount on a normal reward', { reward_discount: 4 }, 'discount_too_high'],
    ['a total that does not add up', { tax: 2, total: 21.5 }, 'total_mismatch'],
  ])('%s', async (_, change, code) => {
    const record = await recordFor(items, '2234402', 5);
    const result = resolvePlaced(await claimOf(placed(items, change)), record, null);
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it('an expired, foreign or taken checkout', async () => {
    const record = await recordFor(items, '2234402', 5);
    const claim = await claimOf(placed(items));
    expect(resolvePlaced({ ...claim, now: NOW + 601 }, record, null)).toMatchObject({
      error: { code: 'checkout_expired' },
    });
    expect(resolvePlaced({ ...claim, clientId: 'shop-b' }, record, null)).toMatchObject({
      error: { code: 'checkout_not_found' },
    });
    const taken = resolvePlaced(claim, record, 'shop-a:OTHER');
    expect(taken).toMatchObject({ error: { code: 'checkout_used' } });
    expect(JSON.stringify(taken)).not.toContain('OTHER');
  });

  it("a checkout validated in another Spendgo account (the client's account changed since)", async () => {
    const record = await recordFor(items, '2234402', 5);
    const claim = await claimOf(placed(items));
    expect(resolvePlaced({ ...claim, account: 'market' }, record, null)).toMatchObject({
      error: { code: 'recheckout_required' },
    });
    expect(resolvePlaced(claim, record, null)).toMatchObject({ ok: true, value: { account: 'default' } });
  });

  it('a P_ reward may take less; the order then charges the difference', async () => {
    const record = await recordFor(items, 'P_SWP', 10);
    const result = resolvePlaced(await claimOf(placed(items, { reward_discount: 6, tax: 1.5 })), record, null);
    expect(result).toMatchObject({ ok: true, value: { validatedDiscount: 10, discount: 6, cart: { total: 17 } } });
  });
});
