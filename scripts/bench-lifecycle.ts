// One member order, driven two ways for the benches: through the proxy (two validations by the
// member's widget, then placed — waiting for Spendgo's verdict — billed and completed from the
// merchant backend with the merchant client), and straight to the sandbox with the same Spendgo
// calls signed by hand (what a backend without the proxy sends). Each call can be timed.
// Used by scripts/bench-orders.ts; loopback only.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createMerchantClient } from '../merchant/client.ts';
import { MEMBER_ID, PROXY, type BenchMember } from './bench-member.ts';
import type { DirectSpendgo } from './bench-spendgo.ts';

export const STEPS = ['checkout', 'placed', 'billed', 'completed'] as const;
export type Step = (typeof STEPS)[number];
/** Milliseconds each call took, by step (two checkouts per order). */
export type Calls = Record<Step, number[]>;
export const noCalls = (): Calls => ({ checkout: [], placed: [], billed: [], completed: [] });

/** Drives order number `i`, timing its calls into `calls` when given; answers the order's id. */
export type Order = (i: number, calls: Calls | null) => Promise<string>;

const STORE = '999999';
const cartOf = (quantity: number) => ({
  store: STORE,
  items: [{ label: 'Salad', unit_cost: 12.5, quantity }],
  subtotal: 12.5 * quantity,
});
const paymentsFor = (amount: number) => [{ tender: 'credit' as const, issuer: 'visa' as const, amount }];

async function timed<T>(calls: Calls | null, step: Step, call: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await call();
  calls?.[step].push(performance.now() - start);
  return result;
}

/** Orders through the proxy, by members signed in with `tokens` (one each in turn). */
export function proxyOrders(member: BenchMember, tokens: string[], run: string): Order {
  const merchant = createMerchantClient({
    proxyUrl: PROXY,
    clientId: 'demo-storefront',
    secret: 'demo-merchant-secret-change-me-0001',
  });
  const checkout = async (token: string, cart: object): Promise<string> => {
    const res = await member.send(token, 'POST', '/v1/checkout', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(cart),
    });
    if (!res.ok) throw new Error(`checkout: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { checkout_id: string }).checkout_id;
  };
  return async (i, calls) => {
    const token = tokens[Math.abs(i) % tokens.length]!;
    await timed(calls, 'checkout', () => checkout(token, cartOf(1)));
    const cart = cartOf(2);
    const checkoutId = await timed(calls, 'checkout', () => checkout(token, cart));
    const orderId = `bench-${run}-${i}`;
    const payments = paymentsFor(cart.subtotal);
    await timed(calls, 'placed', () => merchant.placed(orderId, { checkoutId, ...cart, payments }, { wait: 5 }));
    await timed(calls, 'billed', () => merchant.billed(orderId, { payments }));
    await timed(calls, 'completed', () => merchant.completed(orderId));
    return orderId;
  };
}

/** The same orders' Spendgo calls, straight to the sandbox (docs/spendgo-api.md §5.4's body). */
export function directOrders(spendgo: DirectSpendgo, run: string): Order {
  const path = `/loyalty/accounts/${MEMBER_ID}/orders`;
  const body = (status: Step, cart: ReturnType<typeof cartOf>, orderId?: string) =>
    JSON.stringify({
      status,
      vendor: STORE,
      brand: spendgo.accountId,
      source: 'web',
      ...(orderId && { id: orderId }),
      subtotal: cart.subtotal,
      discount: 0,
      total: cart.subtotal,
      ...(orderId && { payments: paymentsFor(cart.subtotal) }),
      basket: {
        rewards: [],
        posEntries: cart.items.map((item) => ({
          posItem: { label: item.label, cost: item.unit_cost },
          quantity: item.quantity,
        })),
      },
    });
  return async (i, calls) => {
    await timed(calls, 'checkout', () => spendgo.call('POST', path, body('checkout', cartOf(1))));
    const cart = cartOf(2);
    await timed(calls, 'checkout', () => spendgo.call('POST', path, body('checkout', cart)));
    const orderId = `direct-${run}-${i}`;
    for (const step of ['placed', 'billed', 'completed'] as const)
      await timed(calls, step, () => spendgo.call('POST', path, body(step, cart, orderId)));
    return orderId;
  };
}

/** Orders `from` … `from + count − 1`, `inFlight` at a time; answers their ids. */
export async function runOrders(
  order: Order,
  from: number,
  count: number,
  inFlight: number,
  calls: Calls | null,
): Promise<string[]> {
  const ids: string[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + count) ids.push(await order(next++, calls));
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return ids;
}

/** Where .dev.vars registers demo-storefront's webhooks. */
const WEBHOOK_PORT = 8789;

/** A merchant backend's webhook endpoint that takes every webhook (200) and counts them. */
export async function webhookReceiver(): Promise<{ received: () => number; close: () => void }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ready) => server.listen(WEBHOOK_PORT, '127.0.0.1', ready));
  return { received: () => received, close: () => server.close() };
}
