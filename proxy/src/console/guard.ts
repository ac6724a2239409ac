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
import { ACCESS_HEADER, accessOperator } from './access';
import type { ConsoleAccess } from './access-config';
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

/** Who is operating which client, found by Access or by the merchant-secret session. */
interface Signed {
  client: WidgetClient;
  secret: string;
  session: ConsoleSession;
  name: string;
  clients: readonly string[];
  via: 'access' | 'secret';
}

/** The operator's chosen client (a preference, checked against what Access allows every time). */
const CHOICE_COOKIE = 'spendgo_console_client';

/** Through Cloudflare Access: the verified operator and the client chosen among theirs. */
async function viaAccess(
  c: Context<ConsoleEnv>,
  access: ConsoleAccess,
  token: string,
): Promise<Signed | { refusal: string }> {
  const found = await accessOperator(access, token, c.env.ACCESS_SERVICE && fetcherOf(c.env.ACCESS_SERVICE));
  if (!found.ok)
    return {
      refusal:
        found.error === 'not_an_operator'
          ? 'Cloudflare Access signed you in, but you are not an operator of this console. Ask to be added to CONSOLE_ACCESS.'
          : 'Your Cloudflare Access sign-in could not be verified or has ended. Open the page again to sign in.',
    };
  const { email, clients } = found.value;
  const chosen = getCookie(c, CHOICE_COOKIE);
  const clientId = chosen !== undefined && clients.includes(chosen) ? chosen : clients[0]!;
  const client = c.var.config.clients.get(clientId);
  const secret = client?.merchant_secrets[0];
  if (!client || secret === undefined)
    return { refusal: `${clientId} has no merchant secret, so it cannot be operated.` };
  // Stable across Access re-authentication, so a form opened before it still posts after it.
  const session = { clientId, sid: `access:${email}`, expiresAt: Number.MAX_SAFE_INTEGER };
  return { client, secret, session, name: email, clients, via: 'access' };
}

/** Through the merchant-secret session cookie (local development). */
async function viaSecret(c: Context<ConsoleEnv>): Promise<Signed | null> {
  const cookie = getCookie(c, cookieName(c)) ?? '';
  const client = c.var.config.clients.get(claimedClient(cookie) ?? '');
  const secret = client?.merchant_secrets[0];
  const now = nowSeconds();
  const session = client && secret ? await readSession(secret, cookie, now) : null;
  const live =
    session && !(await consoleSessionStore(c.env.ONE_TIME_IDS, session.clientId, session.sid).isUsed(SIGNED_OUT, now));
  if (!client || !secret || !session || !live) {
    if (cookie) deleteCookie(c, cookieName(c), { path: cookiePath(c), secure: secureSite(c) });
    return null;
  }
  return { client, secret, session, name: client.client_id, clients: [client.client_id], via: 'secret' };
}

/** Where a signed-out request is sent back to after signing in: a console page, nothing else. */
export function returnPath(c: Context<ConsoleEnv>): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/** The signed-in operator, or a way back to signing in (which returns to this page). */
export const signedIn = (api: ApiFetch) =>
  createMiddleware<ConsoleEnv>(async (c, next) => {
    const { access, secretSignIn } = c.var.config.console;
    const token = c.req.header(ACCESS_HEADER);
    let signed: Signed | { refusal: string } | null;
    if (access && token !== undefined) signed = await viaAccess(c, access, token);
    else if (secretSignIn) signed = await viaSecret(c);
    else
      return refuse(
        c,
        403,
        'Sign in through Cloudflare Access',
        access
          ? 'This console signs operators in with Cloudflare Access; open it at its Access-protected address.'
          : 'The console on a public host needs Cloudflare Access: set CONSOLE_ACCESS (see docs/deploy.md).',
      );
    if (signed && 'refusal' in signed) return refuse(c, 403, 'Not signed in', signed.refusal);
    if (!signed) {
      // The page asked for (a confirmation, say) is where signing in returns to.
      if (c.req.method === 'GET')
        return c.redirect(`/console/sign-in?${new URLSearchParams({ next: returnPath(c) }).toString()}`, 303);
      return refuse(c, 401, 'Your session has ended', 'Sign in again; nothing was changed.');
    }
    const { client, secret, session } = signed;
    noteClient(c, client);
    c.set('client', client);
    c.set('session', session);
    c.set('operator', {
      clientId: client.client_id,
      currency: client.currency,
      csrf: await csrfToken(secret, session),
      name: signed.name,
      clients: signed.clients,
      via: signed.via,
    });
    c.set(
      'api',
      createMerchantClient({
        proxyUrl: new URL(c.req.url).origin,
        clientId: client.client_id,
        secret,
        // Every change names its operator in the order's audit.
        operator: signed.via === 'access' ? signed.name : `${client.client_id} (merchant secret)`,
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

/** Keeps the client an Access operator chose (checked against their list on every request). */
export function chooseClient(c: Context<ConsoleEnv>, clientId: string): void {
  setCookie(c, CHOICE_COOKIE, clientId, {
    path: cookiePath(c),
    httpOnly: true,
    secure: secureSite(c),
    sameSite: 'Strict',
  });
}

/** A service binding as a fetch (tests reach a stand-in for Access's keys this way). */
const fetcherOf =
  (service: Fetcher): typeof fetch =>
  (input, init) =>
    service.fetch(input, init);

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
