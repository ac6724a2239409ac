// The operations console under /console: HTML pages, no script, for a merchant's operations
// staff signed in with the client's merchant credentials (a 30-minute session, never a widget
// token; console/guard.ts checks it and every form). Its routes: sign-in and sign-out, the order
// list, an order, and each action's confirmation page and form. Every read and every action is a
// signed call through the merchant API itself (the merchant client over `api`, this Worker's own
// fetch), so the console can do nothing a merchant backend cannot, and the API's checks,
// idempotency and logs apply to it unchanged.

import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { MerchantApiError } from '../../../merchant/client';
import { orderIdSchema } from '../../../shared/wire';
import { actionForms, actionNames, actionText, offered, runAction } from '../console/actions';
import { confirmPage, safeNext, signInPage } from '../console/form-pages';
import {
  chooseClient,
  endSession,
  formOf,
  fromConsole,
  nonceOf,
  refuse,
  render,
  signedIn,
  startSession,
  type ApiFetch,
  type ConsoleEnv,
} from '../console/guard';
import { apiFilter, listPage, listQuerySchema } from '../console/list-page';
import { orderPage } from '../console/order-page';
import { exportOrders, ordersCsv } from '../console/export';
import { secretMatches } from '../console/session';
import { withinLimit } from '../middleware/rate-limit';

export type { ApiFetch } from '../console/guard';

const signInForm = z.object({
  client_id: z.string().trim().min(1).max(64),
  secret: z.string().min(1).max(512),
  next: z.string().max(512).optional(),
});
const clientForm = z.object({ client: z.string().min(1).max(64) });
const actionParams = z.object({ order_id: orderIdSchema, action: z.enum(actionNames) });
const seqQuery = z.object({ seq: z.coerce.number().int().min(1).max(100).optional() });

/** An API refusal as the operator reads it; anything else is not the operator's to fix. */
function refusalText(error: unknown): { status: ContentfulStatusCode; text: string } {
  if (error instanceof MerchantApiError)
    return { status: error.status as ContentfulStatusCode, text: `${error.message} (${error.code})` };
  return { status: 502, text: 'The proxy could not finish the call; try again.' };
}

export function consoleApp(api: ApiFetch) {
  const app = new Hono<ConsoleEnv>();
  // Never a widget's token: the console knows only its own cookie.
  app.use(
    '*',
    createMiddleware<ConsoleEnv>(async (c, next) => {
      c.header('Cache-Control', 'no-store');
      if (c.req.header('Authorization') !== undefined)
        return refuse(c, 403, 'Not here', 'The console takes no bearer tokens; sign in with the merchant credentials.');
      await next();
      return;
    }),
  );

  // The merchant-secret sign-in is for local use: a public console signs in through Access.
  app.use(
    '/sign-in',
    createMiddleware<ConsoleEnv>(async (c, next) => {
      if (c.var.config.console.secretSignIn) return next();
      if (c.req.method === 'GET') return c.redirect('/console', 303);
      return refuse(c, 403, 'Sign in through Cloudflare Access', 'This console does not take merchant secrets.');
    }),
  );
  app.get('/sign-in', (c) => {
    const next = c.req.query('next');
    return render(c, signInPage({ nonce: nonceOf(c), ...(next !== undefined && { next }) }));
  });
  app.post('/sign-in', async (c) => {
    if (!(await withinLimit(c, 'OAUTH_RATE_LIMITER', 'console-sign-in'))) {
      c.header('Retry-After', '60');
      return refuse(c, 429, 'Too many sign-in attempts', 'Wait a minute, then sign in again.');
    }
    if (!fromConsole(c))
      return refuse(c, 403, 'This form was not sent from the console', 'Open the sign-in page and retry.');
    const form = signInForm.safeParse(await formOf(c));
    // A blank field is the form's mistake, said as such (an empty secret is no HMAC key either).
    if (!form.success)
      return render(c, signInPage({ nonce: nonceOf(c), problem: 'Enter the client id and the merchant secret.' }), 400);
    const next = form.data.next;
    const clientId = form.data.client_id;
    const client = c.var.config.clients.get(clientId);
    // Compared even for an unknown client, so the answer's timing does not say which ids exist;
    // while the secret is rotated, either one signs in.
    const configured = client?.merchant_secrets.length ? client.merchant_secrets : ['no client has this secret'];
    const matches = await Promise.all(configured.map((secret) => secretMatches(secret, form.data.secret)));
    const primary = client?.merchant_secrets[0];
    if (!client || primary === undefined || !matches.includes(true)) {
      const problem = 'That client id and merchant secret do not match a client with a merchant secret.';
      return render(
        c,
        signInPage({ nonce: nonceOf(c), problem, ...(clientId && { clientId }), ...(next !== undefined && { next }) }),
        401,
      );
    }
    await startSession(c, client, primary);
    // Back to the page that asked for a sign-in: a confirmation opened before the session ended.
    return c.redirect(safeNext(next), 303);
  });

  const pages = new Hono<ConsoleEnv>();
  pages.use('*', signedIn(api));

  pages.post('/sign-out', async (c) => {
    if (c.var.operator.via === 'access') return c.redirect('/cdn-cgi/access/logout', 303);
    await endSession(c);
    return c.redirect('/console/sign-in', 303);
  });

  // An operator of several clients picks one; the choice is checked against their list each time.
  pages.post('/client', (c) => {
    const form = clientForm.safeParse(c.var.form);
    if (!form.success || !c.var.operator.clients.includes(form.data.client))
      return refuse(c, 403, 'Not one of your clients', 'Choose a client from the list.', c.var.operator);
    chooseClient(c, form.data.client);
    return c.redirect('/console', 303);
  });

  pages.get('/', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return refuse(c, 400, 'That filter is not valid', 'Choose the filter again.', c.var.operator);
    const list = await c.var.api.list(apiFilter(query.data)).catch((e: unknown) => refusalText(e));
    if ('text' in list) return refuse(c, list.status, 'The orders could not be read', list.text, c.var.operator);
    return render(c, listPage({ nonce: nonceOf(c), operator: c.var.operator, query: query.data, list }));
  });

  // Search by order id: straight to the order's page (which says so if there is none).
  pages.get('/find', (c) => {
    const id = orderIdSchema.safeParse(c.req.query('order')?.trim());
    if (!id.success)
      return refuse(c, 400, 'That is not an order id', 'Order ids are letters, digits, _ or -.', c.var.operator);
    return c.redirect(`/console/orders/${id.data}`, 303);
  });

  // The list as CSV: the same filter, every page up to the export's limit.
  pages.get('/orders.csv', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return refuse(c, 400, 'That filter is not valid', 'Choose the filter again.', c.var.operator);
    const found = await exportOrders(c.var.api, apiFilter(query.data)).catch((e: unknown) => refusalText(e));
    if ('text' in found) return refuse(c, found.status, 'The orders could not be read', found.text, c.var.operator);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${c.var.client.client_id}-orders.csv"`);
    return c.body(ordersCsv(found.orders, found.truncated));
  });

  /** The order, or the page that says why not. */
  async function orderFor(c: Context<ConsoleEnv>, orderId: string) {
    const order = await c.var.api.get(orderId).catch((e: unknown) => refusalText(e));
    if (!('text' in order)) return { ok: true as const, order };
    const response = await refuse(c, order.status, 'The order could not be read', order.text, c.var.operator);
    return { ok: false as const, response };
  }

  pages.get('/orders/:order_id', async (c) => {
    const id = orderIdSchema.safeParse(c.req.param('order_id'));
    if (!id.success) return refuse(c, 404, 'No such order', 'Order ids are letters, digits, _ or -.', c.var.operator);
    const found = await orderFor(c, id.data);
    if (!found.ok) return found.response;
    const done = z.enum(actionNames).safeParse(c.req.query('done'));
    const seq = seqQuery.safeParse(c.req.query());
    const doneText = done.success ? actionText(done.data, found.order, seq.data?.seq).done : undefined;
    const operator = c.var.operator;
    return render(
      c,
      orderPage({ nonce: nonceOf(c), operator, order: found.order, ...(doneText && { done: doneText }) }),
    );
  });

  /** The order and action a confirmation page or its form is for, once both are valid and offered. */
  async function actionFor(c: Context<ConsoleEnv>, seq: number | undefined) {
    const params = actionParams.safeParse(c.req.param());
    if (!params.success)
      return {
        ok: false as const,
        response: await refuse(c, 404, 'No such page', 'Open the order again.', c.var.operator),
      };
    const found = await orderFor(c, params.data.order_id);
    if (!found.ok) return found;
    const { action } = params.data;
    if (!offered(found.order, action, seq)) {
      const message = 'The order has changed; open it again to see what it offers.';
      return { ok: false as const, response: await refuse(c, 409, 'Not available now', message, c.var.operator) };
    }
    return { ok: true as const, order: found.order, action };
  }

  pages.get('/orders/:order_id/:action', async (c) => {
    const seq = seqQuery.safeParse(c.req.query()).data?.seq;
    const found = await actionFor(c, seq);
    if (!found.ok) return found.response;
    const { order, action } = found;
    return render(c, confirmPage({ nonce: nonceOf(c), operator: c.var.operator, order, action, seq, now: Date.now() }));
  });

  pages.post('/orders/:order_id/:action', async (c) => {
    const action = z.enum(actionNames).safeParse(c.req.param('action'));
    if (!action.success) return refuse(c, 404, 'No such page', 'Open the order again.', c.var.operator);
    const form = actionForms[action.data].safeParse(c.var.form);
    const seq = seqQuery.safeParse(c.var.form).data?.seq;
    const found = await actionFor(c, seq);
    if (!found.ok) return found.response;
    const { order } = found;
    const confirmAgain = (problem: string, status: ContentfulStatusCode) =>
      render(
        c,
        confirmPage({
          nonce: nonceOf(c),
          operator: c.var.operator,
          order,
          action: action.data,
          seq,
          now: Date.now(),
          problem,
        }),
        status,
      );
    if (!form.success)
      return confirmAgain(`Check the form: ${form.error.issues[0]?.message ?? 'a field is not valid'}.`, 400);
    try {
      await runAction(c.var.api, order.order_id, action.data, form.data as never);
    } catch (error) {
      const refused = refusalText(error);
      return confirmAgain(refused.text, refused.status);
    }
    const done = new URLSearchParams({ done: action.data, ...(seq !== undefined && { seq: String(seq) }) });
    return c.redirect(`/console/orders/${order.order_id}?${done.toString()}`, 303);
  });

  // Anything else under /console is a page that does not exist, said as a page.
  pages.all('*', (c) => refuse(c, 404, 'No such page', 'Go back to the orders.', c.var.operator));

  app.route('/', pages);
  return app;
}
