// The storefront cart as Spendgo's order body (docs/spendgo-api.md §5.4), its arithmetic, and the
// fingerprint that later tells whether an order still matches its checkout. Pure.

import type { CartItem, CartModifier, CheckoutInput } from '../../../shared/wire';
import { sha256 } from '../lib/crypto';
import { canonicalJson } from '../lib/canonical-json';

export type Cart = Omit<CheckoutInput, 'reward' | 'client_id'>;

export const cents = (amount: number): number => Math.round((amount + Number.EPSILON) * 100) / 100;

function modifiersCost(modifiers: readonly CartModifier[] | undefined): number {
  let sum = 0;
  for (const m of modifiers ?? []) sum += (m.unit_cost + modifiersCost(m.modifiers)) * m.quantity;
  return sum;
}

export function itemsTotal(items: readonly CartItem[]): number {
  return cents(items.reduce((sum, item) => sum + (item.unit_cost + modifiersCost(item.modifiers)) * item.quantity, 0));
}

/** The subtotal must equal the items' total to the cent. */
export function subtotalMatches(cart: Pick<Cart, 'items' | 'subtotal'>): boolean {
  return Math.abs(itemsTotal(cart.items) - cart.subtotal) < 0.005;
}

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
}

export function spendgoOrderBody(cart: Cart, options: SpendgoOrderOptions): object {
  const discount = cents((options.reward?.discount ?? 0) + (options.merchantDiscount ?? 0));
  return {
    status: options.status,
    vendor: cart.store,
    brand: options.brand,
    source: cart.source,
    ...(options.orderId && { id: options.orderId }),
    ...(options.transaction && { transaction: options.transaction }),
    ...(options.rendition && { rendition: options.rendition }),
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

/** What must not change between checkout and the order: store, source, items and subtotal.
 * The items are compared as a set of lines: a backend may list them in another order. */
export function cartFingerprint(cart: Pick<Cart, 'store' | 'source' | 'items' | 'subtotal'>): Promise<string> {
  const items = cart.items.map(canonicalJson).sort();
  return sha256(canonicalJson({ store: cart.store, source: cart.source, items, subtotal: cents(cart.subtotal) }));
}

/** What the shop charges for a cart after all its discounts (reward and merchant's); never below zero. */
export function chargeTotal(cart: Pick<Cart, 'subtotal' | 'tax' | 'tip' | 'delivery'>, discount: number): number {
  return cents(Math.max(0, cart.subtotal - discount + (cart.tax ?? 0) + (cart.tip ?? 0) + (cart.delivery ?? 0)));
}
