// The front half of the sign-in broker: /oauth/authorize checks the storefront's request and
// sends the browser to Spendgo with the request sealed into `state` (or, with a join ticket
// from POST /v1/join, signs the member who just joined in at once); /oauth/callback redeems
// Spendgo's code server-side, looks the member up, forgets Spendgo's token, and returns to the
// storefront with the proxy's own one-time code (docs/architecture.md, sign-in steps 1–2).

import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { redirectAllowed } from '../clients';
import { accountOf } from '../env';
import { spendgoForRequest, noteClient } from '../context';
import { codeStore, joinTicketStore, stateStore } from '../durable-objects';
import type { LoginRecord } from '../oidc/login-codes';
import { keysFor } from '../oidc/keys';
import { errorPage, redirectBack } from '../oidc/responses';
import { openJoinTicket, openState, sealState, type JoinTicket } from '../oidc/tokens';
import { nowSeconds } from '../lib/clock';
import { randomToken, sha256 } from '../lib/crypto';
import { routes } from '../openapi';

export const authorize = routes();

/** A proxy login code lives this long between the callback and the token request. */
export const LOGIN_CODE_SECONDS = 120;

const base64url43 = /^[A-Za-z0-9_-]{43}$/;

// Only client_id and redirect_uri are required here: until both are known to be registered,
// an error can only be a page; after that, every other parameter's error goes back to the
// storefront as an OAuth error (RFC 6749 §4.1.2.1), so those are checked in the handler.
const authorizeQuery = z.object({
  client_id: z.string().max(100).meta({ description: 'The widget client' }),
  redirect_uri: z.string().max(2000).meta({ description: 'Exactly one of the client’s registered redirect URIs' }),
  response_type: z.string().max(50).optional().meta({ description: 'code' }),
  scope: z.string().max(500).optional().meta({ description: 'Must include openid' }),
  state: z.string().min(1).max(1000).optional().meta({ description: 'Opaque value returned unchanged (required)' }),
  code_challenge: z.string().max(200).optional().meta({ description: 'S256 PKCE challenge (required)' }),
  code_challenge_method: z.string().max(20).optional().meta({ description: 'S256 (required)' }),
  nonce: z.string().min(1).max(500).optional().meta({ description: 'Echoed in the ID token' }),
  dpop_jkt: z.string().max(200).optional().meta({ description: 'Binds the code to a DPoP key' }),
  join_ticket: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'From POST /v1/join: signs the member who just joined in, without Spendgo’s pages' }),
});

const authorizeRoute = createRoute({
  method: 'get',
  path: '/authorize',
  summary: 'Start a member sign-in (authorization code + PKCE S256); redirects to Spendgo',
  request: { query: authorizeQuery },
  responses: {
    302: { description: 'To Spendgo, or back to the storefront with an OAuth error' },
    400: { description: 'Unknown client or redirect URI, or an incomplete request (HTML page)' },
  },
});

authorize.openapi(
  authorizeRoute,
  async (c) => {
    const q = c.req.valid('query');
    const client = c.var.config.clients.get(q.client_id);
    if (!client) return errorPage(c, 'This store is not registered for Spendgo sign-in.');
    if (!redirectAllowed(client, q.redirect_uri))
      return errorPage(c, 'The return address is not registered for this store.', client);
    noteClient(c, client);
    const back = (error: string, description: string) =>
      redirectBack(c, q.redirect_uri, {
        error,
        error_description: description,
        state: q.state,
        iss: c.var.config.publicUrl,
      });
    if (q.response_type !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
    if (!q.scope?.split(' ').includes('openid')) return back('invalid_scope', 'The openid scope is required.');
    if (!q.state) return back('invalid_request', 'state is required.');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge || !base64url43.test(q.code_challenge)) {
      return back('invalid_request', 'PKCE with code_challenge_method=S256 is required.');
    }
    if (q.dpop_jkt !== undefined && !base64url43.test(q.dpop_jkt))
      return back('invalid_request', 'dpop_jkt is malformed.');

    const { config } = c.var;
    if (q.join_ticket !== undefined) {
      const joined = await takeJoinTicket(c, q.join_ticket, client.client_id, client.account);
      if (!joined) return back('access_denied', 'The join has expired or was already used; sign in instead.');
      const now = nowSeconds();
      const loginCode = randomToken(32);
      await codeStore(c.env.LOGIN_CODES, await sha256(loginCode)).putCode({
        clientId: client.client_id,
        account: client.account,
        redirectUri: q.redirect_uri,
        codeChallenge: q.code_challenge,
        nonce: q.nonce ?? null,
        dpopJkt: q.dpop_jkt ?? null,
        memberId: joined.member_id,
        givenName: joined.given_name,
        authTime: now,
        expiresAt: now + LOGIN_CODE_SECONDS,
        sessionSeconds: client.join?.session_seconds ?? JOIN_SESSION_FALLBACK_SECONDS,
      });
      return redirectBack(c, q.redirect_uri, { code: loginCode, state: q.state, iss: config.publicUrl });
    }
    const sealed = await sealState(
      await keysFor(config),
      config.publicUrl,
      {
        client_id: client.client_id,
        redirect_uri: q.redirect_uri,
        state: q.state,
        code_challenge: q.code_challenge,
        nonce: q.nonce ?? null,
        dpop_jkt: q.dpop_jkt ?? null,
      },
      nowSeconds(),
    );
    const spendgo = new URL(`${config.spendgo.idBase}/oauth2/v1/auth`);
    spendgo.search = new URLSearchParams({
      response_type: 'code',
      client_id: accountOf(config, client).oauthClientId,
      redirect_uri: `${config.publicUrl}/oauth/callback`,
      state: sealed,
      scope: 'user_profile',
    }).toString();
    c.header('Cache-Control', 'no-store');
    return c.redirect(spendgo.toString(), 302);
  },
  (result, c) =>
    result.success
      ? undefined
      : errorPage(c, 'The sign-in request is incomplete (client_id and redirect_uri are required).'),
);

/** A joined sign-in lasts this long if its client has since turned joining off. */
const JOIN_SESSION_FALLBACK_SECONDS = 3600;

/** The member a join ticket names, if it is ours, unexpired, unused, and for this client and
 * account; it is used up here. */
async function takeJoinTicket(
  c: Parameters<typeof spendgoForRequest>[0],
  sealed: string,
  clientId: string,
  account: string,
): Promise<JoinTicket | null> {
  const { config } = c.var;
  const now = nowSeconds();
  const opened = await openJoinTicket(await keysFor(config), config.publicUrl, sealed, now);
  if (!opened || opened.ticket.client_id !== clientId || opened.ticket.account !== account) return null;
  const once = await joinTicketStore(c.env.ONE_TIME_IDS, opened.jti).useOnce(opened.jti, opened.expiresAt, now);
  return once ? opened.ticket : null;
}

const callbackQuery = z.object({
  state: z.string().max(4000).meta({ description: 'The sealed request' }),
  code: z.string().min(1).max(500).optional().meta({ description: 'Spendgo’s code' }),
  error: z.string().max(100).optional().meta({ description: 'Spendgo’s error' }),
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/callback',
  summary: 'Spendgo’s return address (the one URL to whitelist with Spendgo)',
  request: { query: callbackQuery },
  responses: {
    302: { description: 'Back to the storefront with the proxy’s code, or an OAuth error' },
    400: { description: 'Expired, forged or already used state (HTML page)' },
  },
});

const EXPIRED_LINK = 'This sign-in link has expired or was not started by a registered store.';

authorize.openapi(
  callbackRoute,
  async (c) => {
    const query = c.req.valid('query');
    const { config } = c.var;
    const keys = await keysFor(config);
    const now = nowSeconds();
    const opened = await openState(keys, config.publicUrl, query.state, now);
    const request = opened?.request;
    const client = request ? config.clients.get(request.client_id) : undefined;
    if (!opened || !request || !client || !redirectAllowed(client, request.redirect_uri)) {
      return errorPage(c, EXPIRED_LINK);
    }
    noteClient(c, client);
    // Single use (RFC 9700 §4.7): a replayed callback (a leaked URL, a double submit) stops here.
    if (!(await stateStore(c.env.ONE_TIME_IDS, opened.jti).useOnce(opened.jti, opened.expiresAt, now)))
      return errorPage(c, 'This sign-in link was already used. Start signing in again from the store.', client);
    // RFC 9207: the response names its issuer, so a client talking to several cannot be mixed up.
    const back = (params: Record<string, string>) =>
      redirectBack(c, request.redirect_uri, { ...params, state: request.state, iss: config.publicUrl });
    const { code, error } = query;
    if (error !== undefined || code === undefined) {
      const denied = error === 'access_denied';
      return back({
        error: denied ? 'access_denied' : 'server_error',
        error_description: denied ? 'The member declined to sign in.' : 'Spendgo could not complete the sign-in.',
      });
    }
    const spendgo = spendgoForRequest(c, client);
    const token = await spendgo.exchangeCode(code, `${config.publicUrl}/oauth/callback`);
    const member = token.ok ? await spendgo.member(token.value) : token;
    if (!member.ok) {
      const busy = member.error.kind === 'unavailable';
      return back({
        error: busy ? 'temporarily_unavailable' : 'server_error',
        error_description: busy
          ? 'Spendgo is not answering; try again shortly.'
          : 'Spendgo could not complete the sign-in.',
      });
    }
    // Spendgo's access token goes out of scope here: it is never stored or sent anywhere.
    const loginCode = randomToken(32);
    const record: LoginRecord = {
      clientId: client.client_id,
      account: client.account,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge,
      nonce: request.nonce,
      dpopJkt: request.dpop_jkt,
      memberId: member.value.id,
      givenName: member.value.givenName,
      authTime: now,
      expiresAt: now + LOGIN_CODE_SECONDS,
    };
    await codeStore(c.env.LOGIN_CODES, await sha256(loginCode)).putCode(record);
    return back({ code: loginCode });
  },
  (result, c) => (result.success ? undefined : errorPage(c, EXPIRED_LINK)),
);
