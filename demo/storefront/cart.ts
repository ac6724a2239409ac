// The demo e-commerce cart: a menu, a cart, and <spendgo-loyalty> beside it. Uses only the
// widget's public surface: the tag, its attributes, the `cart` property, events and form value.

import '../../widget/src/index';
import type { SpendgoCart } from '../../widget/src/index';

interface Product {
  id: string;
  label: string;
  price: number;
  categories?: string[];
}

const MENU: Product[] = [
  { id: 'TURKEY', label: 'Turkey Sandwich', price: 9, categories: ['sandwich'] },
  { id: 'SALAD', label: 'Garden Salad', price: 12.5 },
  { id: 'COOKIE', label: 'Cookie', price: 2.5 },
  { id: 'LATTE', label: 'Latte', price: 4.75 },
];

const quantities = new Map<string, number>([
  ['TURKEY', 2],
  ['COOKIE', 1],
]);
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const widget = document.querySelector('spendgo-loyalty')!;
const byId = (id: string) => document.getElementById(id)!;
let discount = 0;

function cart(): SpendgoCart {
  const items = MENU.filter((p) => (quantities.get(p.id) ?? 0) > 0).map((p) => ({
    label: p.label,
    unit_cost: p.price,
    quantity: quantities.get(p.id)!,
    product_id: p.id,
    ...(p.categories && { categories: p.categories }),
  }));
  const subtotal = Math.round(items.reduce((s, i) => s + i.unit_cost * i.quantity, 0) * 100) / 100;
  return { items, subtotal };
}

function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function render(): void {
  const menu = byId('menu');
  menu.replaceChildren(
    ...MENU.map((p) => {
      const li = document.createElement('li');
      li.append(
        `${p.label} · ${money.format(p.price)}`,
        button('Add', `Add ${p.label}`, () => {
          change(p.id, 1);
        }),
      );
      return li;
    }),
  );
  const current = cart();
  byId('lines').replaceChildren(
    ...current.items.map((item) => {
      const li = document.createElement('li');
      li.append(
        `${item.quantity} × ${item.label}`,
        button('−', `Remove one ${item.label}`, () => {
          change(item.product_id!, -1);
        }),
      );
      return li;
    }),
  );
  byId('subtotal').textContent = money.format(current.subtotal);
  byId('discount').textContent = discount > 0 ? `−${money.format(discount)}` : '—';
  byId('total').textContent = money.format(Math.max(0, current.subtotal - discount));
  widget.cart = current.items.length ? current : null;
}

function change(id: string, delta: number): void {
  quantities.set(id, Math.max(0, (quantities.get(id) ?? 0) + delta));
  render();
}

function log(name: string, detail: object): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify(detail)}`;
  byId('events').prepend(li);
}

widget.addEventListener('spendgo-ready', () => {
  log('spendgo-ready', {});
});
widget.addEventListener('spendgo-session-change', (e) => {
  log(e.type, { state: e.state, givenName: e.givenName });
});
widget.addEventListener('spendgo-reward-select', (e) => {
  log(e.type, { reward: e.reward?.label ?? null });
});
widget.addEventListener('spendgo-error', (e) => {
  log(e.type, { code: e.code, message: e.message, retryable: e.retryable });
});
widget.addEventListener('spendgo-discount-change', (e) => {
  discount = e.discount;
  log(e.type, { checkoutId: e.checkoutId, discount: e.discount, message: e.message });
  render();
});

byId('checkout').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  log('submit', { checkout_id: new FormData(form).get('spendgo_checkout_id'), valid: form.checkValidity() });
});

render();
