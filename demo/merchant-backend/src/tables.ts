// Pay at the table, as the demo POS runs it. Staff open a table's check, which gives a signed,
// expiring link (the table's QR code). From it, each diner's phone reads the check and pays for
// the lines they pick, or for an equal share, with a tip. Each payment reserves its part of the
// check first (TableCheck), then becomes its own Spendgo order through the proxy: placed with the
// diner's validated checkout, billed for what the card is charged, completed. A declined card
// voids that order and releases that part only. The page never states a price: every amount
// here comes from the check.

import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { MerchantClient } from '../../../merchant/client';
import { checkView, type Ask, type Check, type CheckLine } from '../../shop/check';
import { MENU, STORES } from '../../shop/catalogue';
import type { TableCheck } from './check-object';
import { CHECK_LINK_SECONDS, checkLinkToken, checkLinkValid } from './order-token';

interface TableBindings {
  ORDER_TOKEN_SECRET: string;
  TABLE_CHECKS: DurableObjectNamespace<TableCheck>;
}

export interface TableDeps {
  loyaltyFor(env: never, clientId: string): MerchantClient | null;
  upstreamProblem(c: Context, error: unknown): Response;
}

const problem = (c: Context, status: 400 | 403 | 404 | 409 | 402, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

const openCheck = z.strictObject({
  client_id: z.string().max(100),
  store: z.string().refine((s) => STORES.includes(s), 'a store of this shop'),
  lines: z
    .array(z.strictObject({ product_id: z.string().max(40), quantity: z.number().int().min(1).max(20) }))
    .min(1)
    .max(30),
});

const payment = z.strictObject({
  link: z.string().max(200),
  checkout_id: z.string().regex(/^ck_[0-9a-f]{64}$/),
  /** The check's lines this diner pays for, or the split they pay one share of. */
  lines: z
    .array(z.string().regex(/^L\d{1,3}$/))
    .min(1)
    .max(30)
    .optional(),
  shares: z.number().int().min(2).max(12).optional(),
  /** The diner's tip, in dollars (on top of their part; never part of the check). */
  tip: z.number().min(0).max(500).multipleOf(0.01),
  /** Demo switch: the payment provider declines this diner's card. */
  fail_payment: z.boolean().default(false),
});

const MESSAGES: Record<string, string> = {
  already_paid: 'Someone at the table has just paid for that. Check what is left.',
  unknown_line: 'That is not on this check.',
  nothing_chosen: 'Choose what you are paying for.',
  split_differently: 'The table is already splitting this check another way.',
  no_share_left: 'Every share of this check is paid.',
  bad_share_count: 'Split the check the same way as the rest of the table.',
  no_check: 'No such check.',
};

export function tableRoutes(deps: TableDeps) {
  const app = new Hono<{ Bindings: TableBindings }>();
  const stub = (env: TableBindings, id: string) => env.TABLE_CHECKS.get(env.TABLE_CHECKS.idFromName(`check:${id}`));

  // Staff open a check for a table (the demo page's "POS" panel); the answer is its link. A real
  // POS signs its staff in for this; the demo leaves it open, as it does its other staff pages.
  app.post('/tables/:table/checks', async (c) => {
    const table = c.req.param('table');
    const input = openCheck.safeParse(await c.req.json().catch(() => null));
    if (!/^[A-Za-z0-9-]{1,10}$/.test(table) || !input.success)
      return problem(c, 400, 'invalid_request', 'Send client_id, store and lines of product_id and quantity.');
    if (!deps.loyaltyFor(c.env as never, input.data.client_id))
      return problem(c, 400, 'unknown_store', 'This backend does not run that store.');
    const lines: CheckLine[] = [];
    for (const { product_id, quantity } of input.data.lines) {
      const product = MENU.find((p) => p.id === product_id);
      if (!product) return problem(c, 400, 'unknown_product', 'A line names a product this shop does not sell.');
      for (let i = 0; i < quantity; i++)
        lines.push({
          line: `L${String(lines.length + 1)}`,
          product_id: product.id,
          label: product.label,
          unit_cost: product.price,
          ...(product.categories && { categories: product.categories }),
        });
    }
    const id = `chk-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 6)}`;
    const check: Check = {
      id,
      table,
      store: input.data.store,
      client_id: input.data.client_id,
      lines,
      split: null,
      payments: [],
    };
    await stub(c.env, id).open(check);
    const expiresAt = Math.floor(Date.now() / 1000) + CHECK_LINK_SECONDS;
    const link = await checkLinkToken(c.env.ORDER_TOKEN_SECRET, id, expiresAt);
    return c.json(
      { check_id: id, link, expires_at: new Date(expiresAt * 1000).toISOString(), check: checkView(check) },
      201,
    );
  });

  async function linked(c: Context<{ Bindings: TableBindings }>, link: string | undefined) {
    const id = c.req.param('id') ?? '';
    if (!/^chk-[a-z0-9]+-[0-9a-f]{6}$/.test(id)) return null;
    if (!(await checkLinkValid(c.env.ORDER_TOKEN_SECRET, id, link, Math.floor(Date.now() / 1000)))) return null;
    return id;
  }

  app.get('/checks/:id', async (c) => {
    const id = await linked(c, c.req.query('link'));
    const check = id ? await stub(c.env, id).get() : null;
    if (!check) return problem(c, 403, 'bad_link', 'This table link has expired or is not valid; ask for a new one.');
    return c.json({ check: checkView(check) });
  });

  app.post('/checks/:id/payments', async (c) => {
    const input = payment.safeParse(await c.req.json().catch(() => null));
    if (!input.success || (input.data.lines === undefined) === (input.data.shares === undefined))
      return problem(c, 400, 'invalid_request', 'Send link, checkout_id, tip, and either lines or shares.');
    const id = await linked(c, input.data.link);
    const desk = id ? stub(c.env, id) : null;
    const check = desk ? await desk.get() : null;
    const loyalty = check ? deps.loyaltyFor(c.env as never, check.client_id) : null;
    if (!desk || !check || !loyalty)
      return problem(c, 403, 'bad_link', 'This table link has expired or is not valid; ask for a new one.');
    const ask: Ask = input.data.lines ? { lines: input.data.lines } : { shares: input.data.shares! };
    const paymentId = crypto.randomUUID();
    const orderId = `tbl-${check.table}-${Date.now().toString(36)}-${paymentId.slice(0, 6)}`;
    const held = await desk.reserve(ask, { id: paymentId, order_id: orderId }, input.data.tip);
    if (!held.ok) return problem(c, 409, held.refusal, MESSAGES[held.refusal] ?? 'This cannot be paid.');
    const { portion } = held;
    // Until Spendgo has the order, a failure frees the part; after that, an error leaves it held
    // (pending), because the card may have been charged: staff settle it, nobody pays it twice.
    let placed = false;
    try {
      // Placed with this diner's part and tip, the card authorised for all of it before any reward.
      const { order } = await loyalty.placed(
        orderId,
        {
          checkoutId: input.data.checkout_id,
          store: check.store,
          items: portion.items,
          subtotal: portion.subtotal,
          tax: portion.tax,
          tip: input.data.tip,
          payments: [
            { tender: 'credit', issuer: 'visa', amount: round(portion.subtotal + portion.tax + input.data.tip) },
          ],
        },
        { wait: 5 },
      );
      placed = true;
      if (input.data.fail_payment) {
        await loyalty.voided(orderId, { reason: 'card declined' });
        await desk.release(paymentId);
        return problem(c, 402, 'payment_failed', 'The card was declined; nothing was charged.');
      }
      await loyalty.billed(orderId, { payments: [{ tender: 'credit', issuer: 'visa', amount: order.total }] });
      await loyalty.completed(orderId);
      await desk.settle(paymentId);
      return c.json(
        { order_id: orderId, order: await loyalty.get(orderId), check: checkView((await desk.get())!) },
        201,
      );
    } catch (error) {
      // Refused before Spendgo had it (the part did not match the checkout, say): open again.
      if (!placed) await desk.release(paymentId);
      return deps.upstreamProblem(c, error);
    }
  });

  return app;
}

const round = (amount: number) => Math.round(amount * 100) / 100;
