// `npm run demo:orders`: drives three guest orders through the running local system with the
// merchant client (see README), one each ending completed, voided and refunded, and prints
// what the proxy reports. Needs `npm start` running in another terminal.

import { createMerchantClient } from '../merchant/client.ts';

const proxyUrl = process.env['PROXY_URL'] ?? 'http://127.0.0.1:8787';
const clientId = 'demo-storefront';
const loyalty = createMerchantClient({ proxyUrl, clientId, secret: 'demo-merchant-secret-change-me-0001' });

/** The cart as the shop's backend prices it; the same cart is validated and then placed. */
const cartFor = (label: string, price: number) => ({
  store: '999999',
  items: [{ label, unit_cost: price, quantity: 1 }],
  subtotal: price,
});

async function guestCheckout(cart: ReturnType<typeof cartFor>): Promise<string> {
  const res = await fetch(`${proxyUrl}/v1/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ client_id: clientId, ...cart }),
  });
  if (!res.ok) throw new Error(`checkout failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { checkout_id: string }).checkout_id;
}

async function settled(orderId: string) {
  for (let i = 0; i < 50; i++) {
    const view = await loyalty.get(orderId);
    if (view.events.every((e) => e.state !== 'pending')) return view;
    await new Promise((r) => setTimeout(r, 200));
  }
  return loyalty.get(orderId);
}

/** Spendgo wants the payment on every order call after checkout. */
const card = { payments: [{ tender: 'credit' as const, issuer: 'visa' as const, amount: 12 }] };

const run = Date.now().toString(36);
const flows: [string, (id: string) => Promise<unknown>][] = [
  [
    'completed',
    async (id) => {
      await loyalty.billed(id, card);
      await loyalty.completed(id);
    },
  ],
  ['voided', (id) => loyalty.voided(id, { reason: 'payment declined' })],
  [
    'refunded',
    async (id) => {
      await loyalty.billed(id, card);
      await loyalty.completed(id);
      await loyalty.refunded(id);
    },
  ],
];

for (const [ending, flow] of flows) {
  const orderId = `demo-${run}-${ending}`;
  const cart = cartFor(`Demo order (${ending})`, 12);
  await loyalty.placed(orderId, { checkoutId: await guestCheckout(cart), ...cart, ...card });
  await flow(orderId);
  const view = await settled(orderId);
  console.log(`${orderId}: ${view.status}; transaction ${view.transaction_id ?? '—'}`);
  for (const e of view.events)
    console.log(`  #${e.seq} ${e.type.padEnd(9)} ${e.state}${e.last_error ? ` (${e.last_error})` : ''}`);
}
