// The console's guard: who is signed in, and whether a request may act for them. The session
// cookie (HttpOnly, SameSite=Strict, __Host- on https; made by session.ts) is read and checked
// against sign-out; a POST must come from the console's own pages (Sec-Fetch-Site / Origin) and
// carry the session's CSRF token. It also gives each signed-in request its merchant client,
// which signs every call with the client's secret and sends it through `api` (the Worker's own
// fetch), and the page helpers every console route uses.

import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createMerchantClient, type MerchantClient } from '../../../merchant/client';
import { noteClient, type ProxyEnv } from '../context';
import { consoleSessionStore } from '../durable-objects';
import type { ProxyConfig, WidgetClient } from '../env';
import { nowSeconds } from '../lib/clock';
import { problemPage } from './form-pages';
import type { Html, Operator } from './layout';
import {
  claimedClient,
  csrfToken,
  csrfValid,
  issueSession,
  readSession,
  SESSION_SECONDS,
  type ConsoleSession,
} from './session';

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

type Scope = Pick<Context<ProxyEnv>, 'req'> & { var: { config: ProxyConfig } };

const secureSite = (c: Scope) => new URL(c.var.config.publicUrl).protocol === 'https:';
/** __Host- (Secure, Path=/, no Domain) where the console is served over https; locally, plain http. */
const cookieName = (c: Scope) => (secureSite(c) ? '__Host-spendgo_console' : 'spendgo_console');
const cookiePath = (c: Scope) => (secureSite(c) ? '/' : '/console');

export const nonceOf = (c: Context<ConsoleEnv>) => c.get('secureHeadersNonce') ?? '';

export async function render(
  c: Context<ConsoleEnv>,
  body: Html,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  return c.html(await body, status);
}

/** A POST made by one of the console's own pages: a form from another site is refused. */
export function fromConsole(c: Scope): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined && origin !== new URL(c.var.config.publicUrl).origin) return false;
  return site !== undefined || origin !== undefined;
}

/** The posted form's fields (the console's forms are all url-encoded; anything else is empty). */
export async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
  if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) return {};
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  return Object.fromEntries(new URLSearchParams(text));
}

export const refuse = (
  c: Context<ConsoleEnv>,
  status: ContentfulStatusCode,
  title: string,
  message: string,
  operator?: Operator,
) => render(c, problemPage({ nonce: nonceOf(c), title, message, ...(operator && { operator }) }), status);

/** The signed-in operator, or a way back to the sign-in page. */
export const signedIn = (api: ApiFetch) =>
  createMiddleware<ConsoleEnv>(async (c, next) => {
    const now = nowSeconds();
    const cookie = getCookie(c, cookieName(c)) ?? '';
    const client = c.var.config.clients.get(claimedClient(cookie) ?? '');
    const secret = client?.merchant_secrets[0];
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

/** Signs `client` in: a new session's cookie on the response. */
export async function startSession(c: Context<ConsoleEnv>, client: WidgetClient, secret: string): Promise<void> {
  const { cookie } = await issueSession(secret, client.client_id, nowSeconds());
  setCookie(c, cookieName(c), cookie, {
    path: cookiePath(c),
    httpOnly: true,
    secure: secureSite(c),
    sameSite: 'Strict',
    maxAge: SESSION_SECONDS,
  });
}

/** Signs the session out: refused from now until it would have ended, and its cookie cleared. */
export async function endSession(c: Context<ConsoleEnv>): Promise<void> {
  const { session } = c.var;
  await consoleSessionStore(c.env.ONE_TIME_IDS, session.clientId, session.sid).useOnce(
    SIGNED_OUT,
    session.expiresAt,
    nowSeconds(),
  );
  deleteCookie(c, cookieName(c), { path: cookiePath(c), secure: secureSite(c) });
}
