// Spendgo's OAuth 2.0 as the sandbox serves it (docs/spendgo-api.md §6, A5, A6): the sign-in and
// consent pages at /oauth2/v1/auth, the form-encoded token endpoint, and the member endpoint.

import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { accountByOAuthClient } from '../config';
import { send, type SandboxContext, type SandboxEnv } from '../http/context';
import { injectFaults, logRequests } from '../http/middleware';
import { pageSecurityHeaders } from '../pages/layout';
import { consentPage, errorPage, signInPage } from '../pages/sign-in';
import { spendgoError } from '../state/reply';

export const oauth = new Hono<SandboxEnv>();

const authQuery = z.object({
  response_type: z.string().optional(),
  client_id: z.string().max(200).optional(),
  redirect_uri: z.string().max(2000).optional(),
  state: z.string().min(1).max(1000).optional(),
  scope: z.string().max(500).optional(),
});

const requestField = z.string().regex(/^[0-9a-f]{32}$/);

function htmlPage(c: SandboxContext, markup: Parameters<SandboxContext['html']>[0], status: 200 | 400 = 200) {
  return c.html(markup, status, pageSecurityHeaders());
}

function redirectWith(c: Context, redirectUri: string, params: Record<string, string | undefined>) {
  const target = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
  c.header('Cache-Control', 'no-store');
  return c.redirect(target.toString(), 302);
}

oauth.get('/oauth2/v1/auth', async (c) => {
  const q = authQuery.safeParse(c.req.query());
  const { config } = c.var;
  if (!q.success) return htmlPage(c, errorPage('The sign-in request is malformed.'), 400);
  const { client_id, redirect_uri, state, response_type, scope } = q.data;
  const account = client_id === undefined ? undefined : accountByOAuthClient(config, client_id);
  if (!account || client_id === undefined) return htmlPage(c, errorPage('Unknown client_id.'), 400);
  if (!redirect_uri || !config.redirectUris.includes(redirect_uri)) {
    return htmlPage(c, errorPage('The redirect_uri is not whitelisted for this client.'), 400);
  }
  if (response_type !== 'code') return redirectWith(c, redirect_uri, { error: 'unsupported_response_type', state });
  if (!state)
    return redirectWith(c, redirect_uri, { error: 'invalid_request', error_description: 'state is required' });
  if (!scope?.split(' ').includes('user_profile'))
    return redirectWith(c, redirect_uri, { error: 'invalid_scope', state });
  const id = await c.var.state.startAuthorization({ clientId: client_id, redirectUri: redirect_uri, state });
  return htmlPage(c, signInPage(id, client_id, await c.var.state.signInChoices(account.brand)));
});

oauth.post('/oauth2/v1/auth/sign-in', async (c) => {
  const form = z.object({ request: requestField, member: z.string().max(32) }).safeParse(await c.req.parseBody());
  if (!form.success) return htmlPage(c, errorPage('The sign-in form is malformed.'), 400);
  const { request, member } = form.data;
  const auth = await c.var.state.authorization(request);
  const account = auth ? accountByOAuthClient(c.var.config, auth.clientId) : undefined;
  const result = account ? await c.var.state.signIn(request, member, account.brand) : { ok: false, consented: false };
  if (!auth || !account || !result.ok)
    return htmlPage(c, errorPage('This sign-in request has expired or the member cannot sign in.'), 400);
  if (result.consented) return finish(c, request, true);
  const profile = (await c.var.state.signInChoices(account.brand)).find((m) => m.id === member);
  return htmlPage(c, consentPage(request, auth.clientId, profile?.name ?? ''));
});

oauth.post('/oauth2/v1/auth/consent', async (c) => {
  const form = z
    .object({ request: requestField, decision: z.enum(['allow', 'deny']) })
    .safeParse(await c.req.parseBody());
  if (!form.success) return htmlPage(c, errorPage('The consent form is malformed.'), 400);
  return finish(c, form.data.request, form.data.decision === 'allow');
});

async function finish(c: SandboxContext, requestId: string, approved: boolean) {
  const result = await c.var.state.decide(requestId, approved);
  if (!result) return htmlPage(c, errorPage('This sign-in request has expired.'), 400);
  const { request, code } = result;
  return code
    ? redirectWith(c, request.redirectUri, { code, state: request.state })
    : redirectWith(c, request.redirectUri, { error: 'access_denied', state: request.state });
}

// The server-to-server endpoints take injected faults and are logged; the pages are not.
for (const path of ['/oauth2/v1/token', '/oauth2/member/v1/get']) oauth.use(path, logRequests, injectFaults);

const tokenForm = z.object({
  grant_type: z.string(),
  client_id: z.string().max(200),
  client_secret: z.string().max(500),
  redirect_uri: z.string().max(2000),
  code: z.string().max(200),
});

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = (s: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

oauth.post('/oauth2/v1/token', async (c) => {
  c.header('Cache-Control', 'no-store');
  if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    return send(c, spendgoError(400, 2000, 'The token request must be application/x-www-form-urlencoded'));
  }
  const form = tokenForm.safeParse(await c.req.parseBody());
  if (!form.success)
    return send(c, spendgoError(400, 2000, 'grant_type, client_id, client_secret, redirect_uri and code are required'));
  const { config } = c.var;
  const { grant_type, client_id, client_secret, redirect_uri, code } = form.data;
  if (grant_type !== 'authorization_code') return send(c, spendgoError(400, 2000, 'Unsupported grant_type'));
  const account = accountByOAuthClient(config, client_id);
  const clientOk = account !== undefined && (await sameSecret(client_secret, account.oauthClientSecret));
  if (!clientOk) return send(c, spendgoError(401, 2000, 'Invalid client credentials'));
  const redeemed = await c.var.state.redeemCode(code, client_id, redirect_uri);
  if (!redeemed.ok) return send(c, spendgoError(400, 2000, redeemed.details));
  return c.json({ access_token: redeemed.accessToken });
});

// Served on every host the sandbox answers for: docs/spendgo-api.md A5 puts it on either host.
oauth.get('/oauth2/member/v1/get', async (c) => {
  const token = /^Bearer ([0-9a-f]{16,128})$/.exec(c.req.header('Authorization') ?? '')?.[1];
  const profile = token ? await c.var.state.profileForToken(token) : null;
  return profile ? c.json(profile) : send(c, spendgoError(401, 1011, 'Invalid access token'));
});
