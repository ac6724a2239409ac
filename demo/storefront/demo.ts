// Shared pieces of the demo pages: the menu and cart model, the order panel that shows the
// proxy's view of each order, and calls to the demo merchant backend (the event log is
// event-log.ts). Only the widget's public surface is used: tag, attributes, `cart`, events,
// form value.

import type { SpendgoCart, SpendgoLoyalty } from '../../widget/src/index';
import { MENU, TAX_RATE, type Line } from '../shop/catalogue';
import { logWidgetEvents } from './event-log';

export { MENU } from '../shop/catalogue';

export const MERCHANT = 'http://127.0.0.1:8789';
export const SANDBOX = 'http://127.0.0.1:8788';
export const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const byId = (id: string): HTMLElement => document.getElementById(id)!;

export class Cart {
  readonly quantities = new Map<string, number>();

  constructor(initial: Record<string, number>) {
    for (const [id, n] of Object.entries(initial)) this.quantities.set(id, n);
  }

  change(id: string, delta: number): void {
    this.quantities.set(id, Math.max(0, (this.quantities.get(id) ?? 0) + delta));
  }

  /** What the page sends the shop's backend: product ids and quantities, never prices. */
  lines(): Line[] {
    return (this.forWidget()?.items ?? []).map((item) => ({ product_id: item.product_id!, quantity: item.quantity }));
  }

  /** The cart the widget validates, priced from the same catalogue the backend charges from. */
  forWidget(): SpendgoCart | null {
    const items = MENU.filter((p) => (this.quantities.get(p.id) ?? 0) > 0).map((p) => ({
      label: p.label,
      unit_cost: p.price,
      quantity: this.quantities.get(p.id)!,
      product_id: p.id,
      ...(p.categories && { categories: p.categories }),
    }));
    if (!items.length) return null;
    return { items, subtotal: Math.round(items.reduce((s, i) => s + i.unit_cost * i.quantity, 0) * 100) / 100 };
  }
}

export function button(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Renders the menu and cart lines into #menu and #lines, the totals into #subtotal/#discount/#tax/#total
 * (the backend charges the same: subtotal − validated discount + tax on the subtotal). */
export function renderCart(cart: Cart, discount: number, onChange: () => void): SpendgoCart | null {
  byId('menu').replaceChildren(
    ...MENU.map((p) => {
      const li = document.createElement('li');
      li.append(
        `${p.label} · ${money.format(p.price)}`,
        button(
          'Add',
          () => {
            cart.change(p.id, 1);
            onChange();
          },
          `Add ${p.label}`,
        ),
      );
      return li;
    }),
  );
  const current = cart.forWidget();
  byId('lines').replaceChildren(
    ...(current?.items ?? []).map((item) => {
      const li = document.createElement('li');
      li.append(
        `${item.quantity} × ${item.label}`,
        button(
          '−',
          () => {
            cart.change(item.product_id!, -1);
            onChange();
          },
          `Remove one ${item.label}`,
        ),
      );
      return li;
    }),
  );
  const subtotal = current?.subtotal ?? 0;
  const tax = Math.round(subtotal * TAX_RATE * 100) / 100;
  byId('subtotal').textContent = money.format(subtotal);
  byId('discount').textContent = discount > 0 ? `−${money.format(discount)}` : '—';
  byId('tax').textContent = money.format(tax);
  byId('total').textContent = money.format(Math.max(0, subtotal - discount + tax));
  return current;
}

/**
 * Keeps the page's cart and the widget in step: renders the cart, hands it to the widget, shows
 * the validated discount as a cart line, and logs the widget's events.
 */
export function bindCart(widget: SpendgoLoyalty, cart: Cart): void {
  let discount = 0;
  const render = (): void => {
    widget.cart = renderCart(cart, discount, render);
  };
  logWidgetEvents(widget);
  widget.addEventListener('spendgo-discount-change', (e) => {
    discount = e.discount;
    render();
  });
  render();
}

export interface OrderView {
  order_id: string;
  status: string;
  discount: number;
  total: number;
  transaction_id: string | null;
  hold_until: string | null;
  wanted: string | null;
  voided_by: 'merchant' | 'hold_expired' | null;
  events: { seq: number; type: string; state: string; last_error: string | null }[];
}

/** The order tokens the backend gave this page: only the shopper who made an order can act on it. */
const tokens = new Map<string, string>();

interface MerchantAnswer {
  order_id?: string;
  order_token?: string;
  order: OrderView;
  error?: { message: string };
}

async function call(path: string, init: RequestInit): Promise<MerchantAnswer> {
  const res = await fetch(`${MERCHANT}${path}`, init);
  const json = (await res.json()) as MerchantAnswer;
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

/** Places an order with the shop's backend: which store (widget client) this page is, the
 * checkout id, the store code and what is in the cart. */
export async function placeOrder(body: {
  client_id: string;
  checkout_id: string;
  store: string;
  lines: Line[];
  charge_later?: boolean;
  /** Order ahead: how long the proxy holds the order unbilled before voiding it by itself. */
  hold_seconds?: number;
  /** Order ahead: the pickup time (ISO 8601), sent to Spendgo as the order's `wanted`. */
  wanted?: string;
  fail_payment?: boolean;
}): Promise<{ order_id: string; order: OrderView }> {
  const json = await call('/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  tokens.set(json.order_id!, json.order_token!);
  return { order_id: json.order_id!, order: json.order };
}

/** Reads an order made on this page, or takes one of its actions (charge, cancel, refund). */
export async function orderAction(orderId: string, action?: 'charge' | 'cancel' | 'refund'): Promise<OrderView> {
  const path = `/orders/${encodeURIComponent(orderId)}${action ? `/${action}` : ''}`;
  const headers = { 'Order-Token': tokens.get(orderId) ?? '' };
  return (await call(path, { method: action ? 'POST' : 'GET', headers })).order;
}

/** The proxy's view of each order placed on this page, refreshed until every event settles. */
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** ", for pickup Dec 8, 12:30 PM" for an order with a time; ", held until 12:31" while placed;
 * ", voided when its hold ended" after the proxy voided it. */
function holdText(order: OrderView): string {
  const pickup = order.wanted ? `, for pickup ${when(order.wanted)}` : '';
  if (order.voided_by === 'hold_expired') return `${pickup}, voided by itself when its hold ended`;
  if (order.hold_until === null) return pickup;
  return `${pickup}, held until ${when(order.hold_until)}`;
}

export class OrderPanel {
  private readonly orders = new Map<string, OrderView>();

  /** `onChange` hears of a change the page did not make (the proxy voided a held order). */
  constructor(
    private readonly actions: (order: OrderView) => HTMLElement[],
    private readonly onChange: () => void = () => undefined,
  ) {}

  async track(view: OrderView): Promise<void> {
    this.orders.set(view.order_id, view);
    this.render();
    for (let i = 0; i < 30 && this.orders.get(view.order_id)!.events.some((e) => e.state === 'pending'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      this.orders.set(view.order_id, await orderAction(view.order_id));
      this.render();
    }
    this.watchHold(this.orders.get(view.order_id)!);
  }

  /** A held order ending within the hour is read again when its hold ends, to show the proxy's void. */
  private watchHold(order: OrderView): void {
    const left = order.hold_until === null ? Infinity : Date.parse(order.hold_until) - Date.now();
    if (order.status !== 'placed' || left > 3600_000) return;
    setTimeout(() => {
      void orderAction(order.order_id).then(async (now) => {
        if (now.status === 'placed' && now.hold_until !== order.hold_until) return this.track(now);
        await this.track(now);
        this.onChange();
      });
    }, left + 1_000);
  }

  private render(): void {
    byId('orders').replaceChildren(
      ...[...this.orders.values()].reverse().map((order) => {
        const li = document.createElement('li');
        li.dataset['orderId'] = order.order_id;
        li.dataset['status'] = order.status;
        const title = document.createElement('strong');
        title.textContent = `${order.order_id}: ${order.status}${order.discount ? ` (−${money.format(order.discount)})` : ''}${holdText(order)}`;
        const events = document.createElement('ul');
        events.append(
          ...order.events.map((e) => {
            const item = document.createElement('li');
            item.dataset['state'] = e.state;
            item.textContent = `#${e.seq} ${e.type}: ${e.state}${e.last_error ? ` (${e.last_error})` : ''}`;
            return item;
          }),
        );
        li.append(title, events, ...this.actions(order));
        return li;
      }),
    );
  }
}

/** Shows, every 2 s while the page is visible, the proxy's webhooks the demo backend verified
 * about this page's orders (the backend's GET /webhooks). */
export function showWebhooks(): void {
  const list = byId('webhooks');
  const refresh = async () => {
    if (document.visibilityState !== 'visible' || tokens.size === 0) return;
    const res = await fetch(`${MERCHANT}/webhooks`).catch(() => null);
    if (!res?.ok) return;
    const { webhooks } = (await res.json()) as {
      webhooks: { id: string; type: string; order_id: string | null; received_at: string }[];
    };
    list.replaceChildren(
      ...webhooks
        .filter((w) => w.order_id !== null && tokens.has(w.order_id))
        .map((w) => {
          const item = document.createElement('li');
          item.dataset['type'] = w.type;
          item.textContent = `${w.received_at.slice(11, 19)} ${w.type} ${w.order_id ?? ''} (${w.id}, signature verified)`;
          return item;
        }),
    );
  };
  setInterval(() => void refresh(), 2_000);
}
