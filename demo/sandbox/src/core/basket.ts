// Basket arithmetic: unit prices with modifiers, qualifying units, the subtotal that earns points.
// Pure; amounts are dollars as decimals, rounded to cents where they leave this module.

import type { Modifier, PosEntry } from './wire';

/** Items in these categories never earn points (docs/spendgo-api.md §5.5: excluded items). */
export const NON_EARNING_CATEGORIES: readonly string[] = ['gift_card'];

export function roundCents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

function modifiersCost(modifiers: readonly Modifier[] | undefined): number {
  let sum = 0;
  for (const m of modifiers ?? []) sum += (m.cost + modifiersCost(m.modifiers)) * m.quantity;
  return sum;
}

/** Price of one unit of an entry, modifiers included. */
export function unitPrice(entry: PosEntry): number {
  return roundCents(entry.posItem.cost + modifiersCost(entry.posItem.modifiers));
}

function categoriesOf(entry: PosEntry): string[] {
  const raw = entry.posItem.categories;
  const list = typeof raw === 'string' ? raw.split(',') : (raw ?? []);
  return list.map((c) => c.trim().toLowerCase()).filter((c) => c.length > 0);
}

export interface Qualifier {
  products: readonly string[];
  categories?: readonly string[] | undefined;
}

function qualifies(entry: PosEntry, q: Qualifier): boolean {
  const product = entry.posItem.product;
  if (product != null && q.products.includes(product)) return true;
  const wanted = q.categories ?? [];
  return categoriesOf(entry).some((c) => wanted.includes(c));
}

/** One price per qualifying unit, cheapest first. */
export function qualifyingUnitPrices(entries: readonly PosEntry[], q: Qualifier): number[] {
  const prices: number[] = [];
  for (const entry of entries) {
    if (!qualifies(entry, q)) continue;
    const price = unitPrice(entry);
    for (let i = 0; i < entry.quantity; i++) prices.push(price);
  }
  return prices.sort((a, b) => a - b);
}

/** Points earned: 1 per whole dollar of earning subtotal after the discount, rounded down. */
export function pointsEarned(subtotal: number, entries: readonly PosEntry[], discount: number): number {
  let excluded = 0;
  for (const entry of entries) {
    if (categoriesOf(entry).some((c) => NON_EARNING_CATEGORIES.includes(c)))
      excluded += unitPrice(entry) * entry.quantity;
  }
  return Math.floor(Math.max(0, roundCents(subtotal - excluded - discount)));
}

export function formatDollars(amount: number): string {
  return `$${amount.toFixed(2)}`;
}
