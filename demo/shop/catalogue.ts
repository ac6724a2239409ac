// The demo shop's own catalogue and prices: the one source of its money. Its backend prices
// every order from here (the page sends only product ids and quantities), and its pages show
// the same figures. Pure.

export interface Product {
  id: string;
  label: string;
  price: number;
  categories?: string[];
}

export const MENU: readonly Product[] = [
  { id: 'TURKEY', label: 'Turkey Sandwich', price: 9, categories: ['sandwich'] },
  { id: 'SALAD', label: 'Garden Salad', price: 12.5 },
  { id: 'COOKIE', label: 'Cookie', price: 2.5 },
  { id: 'LATTE', label: 'Latte', price: 4.75 },
];

/** The shop's store codes at Spendgo (the widget's `store` attribute on each page). */
export const STORES: readonly string[] = ['999999', '100001'];

/** Sales tax, charged on the price before the reward (this demo shop's choice). */
export const TAX_RATE = 0.0825;

/** A priced cart line, as the widget's cart and the proxy's `placed` take it. */
export interface PricedItem {
  label: string;
  unit_cost: number;
  quantity: number;
  product_id: string;
  categories?: string[];
}

export interface Line {
  product_id: string;
  quantity: number;
}

const cents = (amount: number) => Math.round((amount + Number.EPSILON) * 100) / 100;

/** The priced cart for some lines, or null when a line names no product or the cart is empty. */
export function priceLines(lines: readonly Line[]): { items: PricedItem[]; subtotal: number; tax: number } | null {
  const items: PricedItem[] = [];
  for (const line of lines) {
    const product = MENU.find((p) => p.id === line.product_id);
    if (!product || !Number.isInteger(line.quantity) || line.quantity < 1) return null;
    items.push({
      label: product.label,
      unit_cost: product.price,
      quantity: line.quantity,
      product_id: product.id,
      ...(product.categories && { categories: product.categories }),
    });
  }
  if (!items.length) return null;
  const subtotal = cents(items.reduce((sum, item) => sum + item.unit_cost * item.quantity, 0));
  return { items, subtotal, tax: cents(subtotal * TAX_RATE) };
}
