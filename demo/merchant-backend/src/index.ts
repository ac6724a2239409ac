// The demo merchant backend (a Worker): takes the storefront's "Pay" and drives the order's
// lifecycle through the proxy with the merchant client — as a real shop's server would after
// its payment provider answers. Orders ids are made here; card data never exists in the demo.

import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import * as z from 'zod';
import { createMerchantClient, MerchantApiError, type MerchantClient } from '../../../merchant/client';

interface Bindings {
  PROXY_URL: string;
  CLIENT_ID: string;
  MERCHANT_SECRET: string;
  STOREFRONT_ORIGINS: string;
}

const app = new Hono<{ Bindings: Bindings; Variables: { loyalty: MerchantClient } }>();

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
    allowHeaders: ['Content-Type'],
  }),
);

app.use('*', async (c, next) => {
  c.set(
    'loyalty',
    createMerchantClient({ proxyUrl: c.env.PROXY_URL, clientId: c.env.CLIENT_ID, secret: c.env.MERCHANT_SECRET }),
  );
  await next();
});

const orderId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const newOrder = z.strictObject({
  checkout_id: z.string().regex(/^ck_[0-9a-f]{64}$/),
  /** Order ahead: take the order now, charge later. */
  charge_later: z.boolean().default(false),
  /** Demo switch: the payment provider declines the card. */
  fail_payment: z.boolean().default(false),
  /** What the card was charged, for the payment record sent to Spendgo. */
  amount: z.number().min(0).max(100_000).default(0),
});

function problem(error: unknown) {
  if (error instanceof MerchantApiError)
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  return {
    status: 502,
    body: { error: { code: 'proxy_unreachable', message: 'The loyalty proxy could not be reached.' } },
  };
}

app.post('/orders', async (c) => {
  const input = newOrder.safeParse(await c.req.json().catch(() => null));
  if (!input.success) return c.json({ error: { code: 'invalid_request', message: 'checkout_id is required.' } }, 400);
  const id = `ord-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 6)}`;
  const loyalty = c.var.loyalty;
  try {
    await loyalty.placed(id, { checkoutId: input.data.checkout_id });
    if (!input.data.charge_later) {
      if (input.data.fail_payment) {
        await loyalty.voided(id, { reason: 'card declined' });
      } else {
        await loyalty.billed(id, { payments: [{ tender: 'credit', issuer: 'visa', amount: input.data.amount }] });
        await loyalty.completed(id);
      }
    }
    return c.json({ order_id: id, order: await loyalty.get(id) }, 201);
  } catch (error) {
    const { status, body } = problem(error);
    return c.json(body, status as 400);
  }
});

const step = (name: 'charge' | 'refund' | 'cancel') =>
  app.post(`/orders/:id/${name}`, async (c) => {
    const id = orderId.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: { code: 'invalid_request', message: 'Bad order id.' } }, 400);
    const loyalty = c.var.loyalty;
    try {
      if (name === 'charge') {
        await loyalty.billed(id.data);
        await loyalty.completed(id.data);
      } else if (name === 'refund') await loyalty.refunded(id.data, { reason: 'customer request' });
      else await loyalty.voided(id.data, { reason: 'cancelled before pickup' });
      return c.json({ order: await loyalty.get(id.data) });
    } catch (error) {
      const { status, body } = problem(error);
      return c.json(body, status as 400);
    }
  });
step('charge');
step('refund');
step('cancel');

app.get('/orders/:id', async (c) => {
  const id = orderId.safeParse(c.req.param('id'));
  if (!id.success) return c.json({ error: { code: 'invalid_request', message: 'Bad order id.' } }, 400);
  try {
    return c.json({ order: await c.var.loyalty.get(id.data) });
  } catch (error) {
    const { status, body } = problem(error);
    return c.json(body, status as 400);
  }
});

app.get('/health', (c) => c.json({ ok: true }));

app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404));

export default app;
