// The demo merchant backend (a Worker): takes the storefront's "Pay" and drives the order's
// lifecycle through the proxy with the merchant client, as a real shop's server would after its
// payment provider answers. It prices every order from its own catalogue (the page sends
// product ids and quantities, never prices), charges what the proxy's order view says
// (subtotal − validated discount + tax), and binds each order to the shopper who made it with an
// order token. It is one backend for several stores (widget clients, each on its own Spendgo
// account): the page names its store, the token remembers it. Order ids are made here; card data
// never exists in the demo.

import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import * as z from 'zod';
import {
  createMerchantClient,
  MerchantApiError,
  WEBHOOK_CLIENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureError,
  webhooks,
  type MerchantClient,
  type WebhookEvent,
} from '../../../merchant/client';
import type { OrderView } from '../../../shared/wire';
import { priceLines, STORES } from '../../shop/catalogue';
import { orderToken, orderTokenClient } from './order-token';
import { tableRoutes } from './tables';

import type { TableCheck } from './check-object';

export { TableCheck } from './check-object';

interface Bindings {
  PROXY_URL: string;
  /** One Durable Object per table check (pay at the table, tables.ts). */
  TABLE_CHECKS: DurableObjectNamespace<TableCheck>;
  /** JSON: each store's widget client id → its merchant secret. */
  MERCHANT_SECRETS: string;
  ORDER_TOKEN_SECRET: string;
  STOREFRONT_ORIGINS: string;
  /** JSON: each store's widget client id → its webhook secret (the proxy's WEBHOOK_SECRETS). */
  WEBHOOK_SECRETS: string;
}

type AppEnv = { Bindings: Bindings; Variables: { loyalty: MerchantClient; orderId: string } };
const app = new Hono<AppEnv>();

/** The header the page sends its order token in. */
const TOKEN_HEADER = 'Order-Token';

app.use(
  '*',
  cors({
    origin: (origin, c: Context<{ Bindings: Bindings }>) =>
      c.env.STOREFRONT_ORIGINS.split(',')
        .map((o) => o.trim())
        .includes(origin)
        ? origin
        : null,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', TOKEN_HEADER],
  }),
);

let parsedSecrets: { source: string; secrets: Record<string, string> } | undefined;

/** The merchant client of store `clientId`, or null for a store this backend does not run. */
function loyaltyFor(env: Bindings, clientId: string): MerchantClient | null {
  // Parsed once per isolate, not per request.
  if (parsedSecrets?.source !== env.MERCHANT_SECRETS)
    parsedSecrets = {
      source: env.MERCHANT_SECRETS,
      secrets: JSON.parse(env.MERCHANT_SECRETS) as Record<string, string>,
    };
  const { secrets } = parsedSecrets;
  const secret = Object.hasOwn(secrets, clientId) ? secrets[clientId] : undefined;
  return secret ? createMerchantClient({ proxyUrl: env.PROXY_URL, clientId, secret }) : null;
}

const problem = (c: Context, status: 400 | 403 | 404, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

function upstreamProblem(c: Context, error: unknown) {
  if (error instanceof MerchantApiError)
    return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
  return c.json({ error: { code: 'proxy_unreachable', message: 'The loyalty proxy could not be reached.' } }, 502);
}

const newOrder = z.strictObject({
  /** The store (widget client) the page is. */
  client_id: z.string().max(100),
  checkout_id: z.string().regex(/^ck_[0-9a-f]{64}$/),
  store: z.string().refine((s) => STORES.includes(s), 'a store of this shop'),
  lines: z
    .array(z.strictObject({ product_id: z.string().max(40), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(50),
  /** Where the order was made: the storefront's `web` by default, `mobileapp` from the demo app. */
  source: z.enum(['web', 'mobileweb', 'mobileapp', 'instore']).optional(),
  /** Order ahead: take the order now, charge later. */
  charge_later: z.boolean().default(false),
  /** Order ahead: how long the order (and its reward) is held unbilled before the proxy voids it. */
  hold_seconds: z
    .number()
    .int()
    .min(30)
    .max(30 * 24 * 3600)
    .optional(),
  /** Order ahead: when the guest picks the order up (sent to Spendgo as `wanted`). */
  wanted: z.iso.datetime({ offset: true }).optional(),
  /** Demo switch: the payment provider declines the card. */
  fail_payment: z.boolean().default(false),
});

/** The payment provider, as far as the demo goes: it charges what the order view says. */
const charge = (order: OrderView) => [{ tender: 'credit' as const, issuer: 'visa' as const, amount: order.total }];

app.post('/orders', async (c) => {
  const input = newOrder.safeParse(await c.req.json().catch(() => null));
  if (!input.success)
    return problem(
      c,
      400,
      'invalid_request',
      'Send client_id, checkout_id, store and lines of product_id and quantity.',
    );
  const loyalty = loyaltyFor(c.env, input.data.client_id);
  if (!loyalty) return problem(c, 400, 'unknown_store', 'This backend does not run that store.');
  const priced = priceLines(input.data.lines);
  if (!priced) return problem(c, 400, 'unknown_product', 'A line names a product this shop does not sell.');
  const id = `ord-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 6)}`;
  try {
    // The card is authorised for the full price; billed carries what is actually charged.
    // `wait` gets Spendgo's verdict first: a refused placed throws here, before any charge.
    const { order } = await loyalty.placed(
      id,
      {
        checkoutId: input.data.checkout_id,
        store: input.data.store,
        ...(input.data.source !== undefined && { source: input.data.source }),
        ...priced,
        payments: [{ tender: 'credit', issuer: 'visa', amount: priced.subtotal + priced.tax }],
        ...(input.data.wanted !== undefined && { wanted: input.data.wanted }),
        ...(input.data.hold_seconds !== undefined && {
          holdUntil: new Date(Date.now() + input.data.hold_seconds * 1000),
        }),
      },
      { wait: 5 },
    );
    if (!input.data.charge_later) {
      if (input.data.fail_payment) {
        await loyalty.voided(id, { reason: 'card declined' });
      } else {
        await loyalty.billed(id, { payments: charge(order) });
        await loyalty.completed(id);
      }
    }
    const token = await orderToken(c.env.ORDER_TOKEN_SECRET, input.data.client_id, id);
    return c.json({ order_id: id, order_token: token, order: await loyalty.get(id) }, 201);
  } catch (error) {
    return upstreamProblem(c, error);
  }
});

const orderId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

// Every later call names an order made here and carries its token.
app.use('/orders/:id/*', ownOrder);
app.use('/orders/:id', ownOrder);

async function ownOrder(c: Context<AppEnv>, next: () => Promise<void>) {
  const id = orderId.safeParse(c.req.param('id'));
  if (!id.success) return problem(c, 400, 'invalid_request', 'Bad order id.');
  const clientId = await orderTokenClient(c.env.ORDER_TOKEN_SECRET, id.data, c.req.header(TOKEN_HEADER));
  const loyalty = clientId ? loyaltyFor(c.env, clientId) : null;
  if (!loyalty) return problem(c, 403, 'not_your_order', `Send the order's ${TOKEN_HEADER}.`);
  c.set('orderId', id.data);
  c.set('loyalty', loyalty);
  await next();
  return undefined;
}

app.post('/orders/:id/charge', async (c) => {
  const loyalty = c.var.loyalty;
  try {
    const order = await loyalty.get(c.var.orderId);
    await loyalty.billed(c.var.orderId, { payments: charge(order) });
    await loyalty.completed(c.var.orderId);
    return c.json({ order: await loyalty.get(c.var.orderId) });
  } catch (error) {
    return upstreamProblem(c, error);
  }
});

// Refund after completion; cancel (void) before it.
for (const [action, step] of [
  ['refund', (loyalty: MerchantClient, id: string) => loyalty.refunded(id, { reason: 'customer request' })],
  ['cancel', (loyalty: MerchantClient, id: string) => loyalty.voided(id, { reason: 'cancelled before pickup' })],
] as const) {
  app.post(`/orders/:id/${action}`, async (c) => {
    try {
      await step(c.var.loyalty, c.var.orderId);
      return c.json({ order: await c.var.loyalty.get(c.var.orderId) });
    } catch (error) {
      return upstreamProblem(c, error);
    }
  });
}

app.get('/orders/:id', async (c) => {
  try {
    return c.json({ order: await c.var.loyalty.get(c.var.orderId) });
  } catch (error) {
    return upstreamProblem(c, error);
  }
});

// The proxy's webhooks: verified with the store's webhook secret before the body is read, each
// id taken once (a retried delivery is acknowledged, not logged twice), and kept in a short log
// for the demo pages (this isolate's memory: a demo, not a store of record).
const received: { id: string; type: string; order_id: string | null; received_at: string }[] = [];
const WEBHOOK_LOG = 50;

app.post('/webhooks', async (c) => {
  const body = await c.req.text();
  const clientId = c.req.header(WEBHOOK_CLIENT_HEADER) ?? '';
  const secrets = JSON.parse(c.env.WEBHOOK_SECRETS) as Record<string, string>;
  const secret = Object.hasOwn(secrets, clientId) ? secrets[clientId] : undefined;
  const refuse = (reason: string) => {
    console.warn(JSON.stringify({ msg: 'webhook_refused', reason }));
    return problem(c, 400, 'invalid_signature', 'The webhook signature did not verify.');
  };
  if (!secret) return refuse('unknown_client');
  let event: WebhookEvent;
  try {
    event = await webhooks.constructEvent(body, c.req.header(WEBHOOK_SIGNATURE_HEADER), secret);
  } catch (error) {
    if (error instanceof WebhookSignatureError) return refuse(error.reason);
    throw error;
  }
  if (event.client_id !== clientId) return problem(c, 400, 'invalid_signature', 'The webhook names another store.');
  if (!received.some((r) => r.id === event.id)) {
    received.unshift({
      id: event.id,
      type: event.type,
      order_id: event.data.order?.order_id ?? null,
      received_at: new Date().toISOString(),
    });
    received.length = Math.min(received.length, WEBHOOK_LOG);
    console.info(
      JSON.stringify({ msg: 'webhook', id: event.id, type: event.type, order_id: event.data.order?.order_id }),
    );
  }
  return c.body(null, 204);
});

app.get('/webhooks', (c) => c.json({ webhooks: received }));

app.route('/', tableRoutes({ loyaltyFor: (env, clientId) => loyaltyFor(env, clientId), upstreamProblem }));

app.get('/health', (c) => c.json({ ok: true }));

app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404));

export default app;
