// The operations console under /console: HTML pages, no script, for a merchant's operations
// staff signed in with the client's merchant credentials. A 30-minute session cookie (HttpOnly,
// SameSite=Strict, __Host- on https) never a widget token; every POST must come from the
// console's own pages (Sec-Fetch-Site / Origin) and carry the session's CSRF token. Every read
// and every action is a signed call through the merchant API itself (the merchant client over
// `api`, this Worker's own fetch), so the console can do nothing a merchant backend cannot, and
// the API's checks, idempotency and logs apply to it unchanged.

import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { createMerchantClient, MerchantApiError, type MerchantClient } from '../../../merchant/client';
import { orderIdSchema } from '../../../shared/wire';
import { actionForms, actionNames, actionText, offered, runAction } from '../console/actions';
import { confirmPage, problemPage, signInPage } from '../console/form-pages';
import type { Html, Operator } from '../console/layout';
import { apiFilter, listPage, listQuerySchema } from '../console/list-page';
import { orderPage } from '../console/order-page';
import {
  claimedClient,
  csrfToken,
  csrfValid,
  issueSession,
  readSession,
  secretMatches,
  SESSION_SECONDS,
  type ConsoleSession,
} from '../console/session';
import { noteClient, type ProxyEnv } from '../context';
import { consoleSessionStore } from '../durable-objects';
import type { ProxyConfig, WidgetClient } from '../env';
import { nowSeconds } from '../lib/clock';
import { withinLimit } from '../middleware/rate-limit';

/** How the console reaches the merchant API: this Worker's own fetch. */
export type ApiFetch = (request: Request, c: Context<ConsoleEnv>) => Promise<Response>;

/** Every console route's environment; the operator's variables are set by `signedIn` (the sign-in
 * routes, before it, do not read them). */
export interface ConsoleEnv {
  Bindings: Env;
  Variables: ProxyEnv['Variables'] & {
    operator: Operator;
    session: ConsoleSession;
    client: WidgetClient;
    api: MerchantClient;
    form: Record<string, string>;
  };
}

const SIGNED_OUT = 'signed-out';
const signInForm = z.object({ client_id: z.string().trim().min(1).max(64), secret: z.string().min(1).max(512) });
const actionParams = z.object({ order_id: orderIdSchema, action: z.enum(actionNames) });
const seqQuery = z.object({ seq: z.coerce.number().int().min(1).max(100).optional() });

type Scope = Pick<Context<ProxyEnv>, 'req'> & { var: { config: ProxyConfig } };

const secureSite = (c: Scope) => new URL(c.var.config.publicUrl).protocol === 'https:';
/** __Host- (Secure, Path=/, no Domain) where the console is served over https; locally, plain http. */
const cookieName = (c: Scope) => (secureSite(c) ? '__Host-spendgo_console' : 'spendgo_console');
const cookiePath = (c: Scope) => (secureSite(c) ? '/' : '/console');

const nonceOf = (c: Context<ConsoleEnv>) => c.get('secureHeadersNonce') ?? '';

async function render(c: Context<ConsoleEnv>, body: Html, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(await body, status);
}

/** A POST made by one of the console's own pages: a form from another site is refused. */
function fromConsole(c: Scope): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined && origin !== new URL(c.var.config.publicUrl).origin) return false;
  return site !== undefined || origin !== undefined;
}

/** The posted form's fields (the console's forms are all url-encoded; anything else is empty). */
async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
  if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) return {};
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  return Object.fromEntries(new URLSearchParams(text));
}

const refuse = (
  c: Context<ConsoleEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
  operator?: Operator,
) => render(c, problemPage({ nonce: nonceOf(c), title, message, ...(operator && { operator }) }), status);

/** The signed-in operator, or a way back to the sign-in page. */
const signedIn = (api: ApiFetch) =>
  createMiddleware<ConsoleEnv>(async (c, next) => {
    const now = nowSeconds();
    const cookie = getCookie(c, cookieName(c)) ?? '';
    const client = c.var.config.clients.get(claimedClient(cookie) ?? '');
    const secret = client?.merchant_secret;
    const session = client && secret ? await readSession(secret, cookie, now) : null;
    const live =
      session &&
      !(await consoleSessionStore(c.env.ONE_TIME_IDS, session.clientId, session.sid).isUsed(SIGNED_OUT, now));
    if (!client || !secret || !session || !live) {
      if (cookie) deleteCookie(c, cookieName(c), { path: cookiePath(c), secure: secureSite(c) });
      if (c.req.method === 'GET') return c.redirect('/console/sign-in', 303);
      return refuse(c, 401, 'Your session has ended', 'Sign in again; nothing was changed.');
    }
    noteClient(c, client);
    c.set('client', client);
    c.set('session', session);
    c.set('operator', {
      clientId: client.client_id,
      currency: client.currency,
      csrf: await csrfToken(secret, session),
    });
    c.set(
      'api',
      createMerchantClient({
        proxyUrl: new URL(c.req.url).origin,
        clientId: client.client_id,
        secret,
        fetch: (input, init) => api(new Request(input, init), c),
      }),
    );
    if (c.req.method === 'POST') {
      const form = await formOf(c);
      if (!fromConsole(c) || !(await csrfValid(secret, session, form.csrf ?? '')))
        return refuse(
          c,
          403,
          'This form was not sent from the console',
          'Open the page again and retry.',
          c.var.operator,
        );
      c.set('form', form);
    }
    await next();
    return;
  });

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

  app.get('/sign-in', (c) => render(c, signInPage({ nonce: nonceOf(c) })));
  app.post('/sign-in', async (c) => {
    if (!(await withinLimit(c, 'OAUTH_RATE_LIMITER', 'console-sign-in'))) {
      c.header('Retry-After', '60');
      return refuse(c, 429, 'Too many sign-in attempts', 'Wait a minute, then sign in again.');
    }
    if (!fromConsole(c))
      return refuse(c, 403, 'This form was not sent from the console', 'Open the sign-in page and retry.');
    const form = signInForm.safeParse(await formOf(c));
    const clientId = form.success ? form.data.client_id : undefined;
    const client = c.var.config.clients.get(clientId ?? '');
    // Compared even for an unknown client, so the answer's timing does not say which ids exist.
    const matches = await secretMatches(
      client?.merchant_secret ?? 'no client has this secret',
      form.data?.secret ?? '',
    );
    if (!form.success || !client?.merchant_secret || !matches) {
      const problem = 'That client id and merchant secret do not match a client with a merchant secret.';
      return render(c, signInPage({ nonce: nonceOf(c), problem, ...(clientId && { clientId }) }), 401);
    }
    const { cookie } = await issueSession(client.merchant_secret, client.client_id, nowSeconds());
    setCookie(c, cookieName(c), cookie, {
      path: cookiePath(c),
      httpOnly: true,
      secure: secureSite(c),
      sameSite: 'Strict',
      maxAge: SESSION_SECONDS,
    });
    return c.redirect('/console', 303);
  });

  const pages = new Hono<ConsoleEnv>();
  pages.use('*', signedIn(api));

  pages.post('/sign-out', async (c) => {
    const { session } = c.var;
    await consoleSessionStore(c.env.ONE_TIME_IDS, session.clientId, session.sid).useOnce(
      SIGNED_OUT,
      session.expiresAt,
      nowSeconds(),
    );
    deleteCookie(c, cookieName(c), { path: cookiePath(c), secure: secureSite(c) });
    return c.redirect('/console/sign-in', 303);
  });

  pages.get('/', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return refuse(c, 400, 'That filter is not valid', 'Choose the filter again.', c.var.operator);
    const list = await c.var.api.list(apiFilter(query.data)).catch((e: unknown) => refusalText(e));
    if ('text' in list) return refuse(c, list.status, 'The orders could not be read', list.text, c.var.operator);
    return render(c, listPage({ nonce: nonceOf(c), operator: c.var.operator, query: query.data, list }));
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

  app.route('/', pages);
  return app;
}
