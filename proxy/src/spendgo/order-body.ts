// Spendgo's order body (docs/spendgo-api.md §5.4) for a cart and one lifecycle status: the
// store as `vendor`, the account as `brand`, money to the cent, the sum of every discount, and
// the basket with at most one Spendgo reward. Pure.

import type { CartModifier } from '../../../shared/wire';
import { cents, chargeTotal, type Cart } from '../checkout/cart';

function posModifier(m: CartModifier): object {
  return {
    label: m.label,
    cost: cents(m.unit_cost),
    quantity: m.quantity,
    ...(m.product_id && { product: m.product_id }),
    ...(m.modifiers && { modifiers: m.modifiers.map(posModifier) }),
  };
}

export interface SpendgoOrderOptions {
  status: 'checkout' | 'placed' | 'billed' | 'completed' | 'voided' | 'refunded';
  brand: string;
  reward: { id: string; discount: number | undefined } | null;
  orderId?: string;
  transaction?: string;
  payments?: readonly object[];
  /** The sum of the merchant's own discounts; the top-level `discount` is the sum of all (API v2.1.1). */
  merchantDiscount?: number;
  rendition?: 'onsite' | 'pickup' | 'delivery';
  /** When the guest receives the order (ms): `wanted`. */
  wanted?: number;
  type?: 'regular' | 'catering';
}

/** A time as Spendgo's documents write it, YYYY-MM-DDTHH:MM:SSZ (UTC, whole seconds). */
export const spendgoTime = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function spendgoOrderBody(cart: Cart, options: SpendgoOrderOptions): object {
  const discount = cents((options.reward?.discount ?? 0) + (options.merchantDiscount ?? 0));
  return {
    status: options.status,
    vendor: cart.store,
    brand: options.brand,
    source: cart.source,
    ...(options.orderId && { id: options.orderId }),
    ...(options.transaction && { transaction: options.transaction }),
    ...(options.type && { type: options.type }),
    ...(options.rendition && { rendition: options.rendition }),
    ...(options.wanted !== undefined && { wanted: spendgoTime(options.wanted) }),
    subtotal: cents(cart.subtotal),
    ...(cart.tax !== undefined && { tax: cents(cart.tax) }),
    ...(cart.tip !== undefined && { tip: cents(cart.tip) }),
    ...(cart.delivery !== undefined && { delivery: cents(cart.delivery) }),
    discount,
    total: chargeTotal(cart, discount),
    ...(options.payments && { payments: options.payments }),
    basket: {
      rewards: options.reward
        ? [
            {
              provider: 'Spendgo',
              id: options.reward.id,
              level: 'basket',
              ...(options.reward.discount !== undefined && { discount: cents(options.reward.discount) }),
            },
          ]
        : [],
      posEntries: cart.items.map((item) => ({
        posItem: {
          label: item.label,
          cost: cents(item.unit_cost),
          ...(item.product_id && { product: item.product_id }),
          ...(item.categories && { categories: item.categories.join(',') }),
          ...(item.modifiers && { modifiers: item.modifiers.map(posModifier) }),
        },
        quantity: item.quantity,
      })),
    },
  };
}
