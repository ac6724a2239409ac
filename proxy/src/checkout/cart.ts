// The storefront cart's arithmetic and the fingerprint that later tells whether an order still
// matches its checkout (Spendgo's order body for it: spendgo/order-body.ts). Pure.

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
