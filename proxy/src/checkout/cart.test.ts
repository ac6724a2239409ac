import { describe, expect, it } from 'vitest';
import { spendgoOrderBody } from '../spendgo/order-body';
import { cartFingerprint, subtotalMatches, type Cart } from './cart';
import { canonicalJson } from '../lib/canonical-json';

const cart: Cart = {
  store: '999999',
  source: 'web',
  items: [
    {
      label: 'Latte',
      unit_cost: 4.5,
      quantity: 2,
      product_id: 'LATTE',
      categories: ['coffee', 'hot'],
      modifiers: [{ label: 'Oat milk', unit_cost: 0.75, quantity: 1 }],
    },
    { label: 'Cookie', unit_cost: 2.5, quantity: 1 },
  ],
  subtotal: 13,
  tax: 1.1,
};

describe('cart arithmetic', () => {
  it.each([
    [13, true],
    [13.004, true],
    [13.01, false],
    [12.99, false],
  ])('subtotal %d matches the items: %s', (subtotal, expected) => {
    expect(subtotalMatches({ items: cart.items, subtotal })).toBe(expected);
  });
});

describe('spendgoOrderBody', () => {
  it('builds Spendgo’s order shape with one basket reward and a computed total', () => {
    expect(
      spendgoOrderBody(cart, { status: 'checkout', brand: '33559', reward: { id: '2234402', discount: 5 } }),
    ).toEqual({
      status: 'checkout',
      vendor: '999999',
      brand: '33559',
      source: 'web',
      subtotal: 13,
      tax: 1.1,
      discount: 5,
      total: 9.1,
      basket: {
        rewards: [{ provider: 'Spendgo', id: '2234402', level: 'basket', discount: 5 }],
        posEntries: [
          {
            posItem: {
              label: 'Latte',
              cost: 4.5,
              product: 'LATTE',
              categories: 'coffee,hot',
              modifiers: [{ label: 'Oat milk', cost: 0.75, quantity: 1 }],
            },
            quantity: 2,
          },
          { posItem: { label: 'Cookie', cost: 2.5 }, quantity: 1 },
        ],
      },
    });
  });

  it('sends no discount for a reward the caller did not price', () => {
    const body = spendgoOrderBody(cart, {
      status: 'checkout',
      brand: '33559',
      reward: { id: 'A18', discount: undefined },
    }) as { basket: { rewards: object[] } };
    expect(body.basket.rewards).toEqual([{ provider: 'Spendgo', id: 'A18', level: 'basket' }]);
  });
});

describe('fingerprints', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it('changes when an item changes, not when tax changes', async () => {
    const base = await cartFingerprint(cart);
    const withTax: Cart = { ...cart, tax: 2 };
    expect(await cartFingerprint(withTax)).toBe(base);
    expect(await cartFingerprint({ ...cart, items: [cart.items[0]!], subtotal: 10.5 })).not.toBe(base);
  });

  it('is the same for the same lines in another order, and differs for another source or store', async () => {
    const base = await cartFingerprint(cart);
    expect(await cartFingerprint({ ...cart, items: [...cart.items].reverse() })).toBe(base);
    expect(await cartFingerprint({ ...cart, source: 'mobileapp' })).not.toBe(base);
    expect(await cartFingerprint({ ...cart, store: '100001' })).not.toBe(base);
  });
});
