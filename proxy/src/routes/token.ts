// The back half of the sign-in broker: /oauth/token, authorization_code with PKCE and
// rotating refresh tokens with reuse detection, every token DPoP-bound. The session's other
// endpoints (sign-out, userinfo) are session.ts.

import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { originAllowed } from '../clients';
import { noteClient, type ProxyEnv } from '../context';
import type { WidgetClient } from '../env';
import { ERRORS } from '../http-errors';
import { codeStore, familyStore, keyStore } from '../durable-objects';
import type { Family } from '../oidc/sign-ins';
import { DPOP_WINDOW_SECONDS, verifyDpop } from '../oidc/dpop';
import { currentNonce, nonceIsFresh } from '../oidc/dpop-nonce';
import { readForm } from '../oidc/form';
import { keysFor, type ProxyKeys } from '../oidc/keys';
import { oauthError } from '../oidc/responses';
import { nowSeconds } from '../lib/clock';
import { randomToken, sha256 } from '../lib/crypto';
import { formContent, oauthAnswers, routes } from '../openapi';
import {
  ACCESS_TOKEN_SECONDS,
  mintAccessToken,
  mintIdToken,
  pairwiseSubject,
  refreshSecretHash,
  splitRefreshToken,
} from '../oidc/tokens';

export const token = routes();

/** A refresh-token family (one sign-in) lasts at most this long, however often it rotates. */
const FAMILY_SECONDS = 30 * 24 * 3600;

const tokenForm = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    client_id: z.string().max(100),
    code: z.string().max(200),
    redirect_uri: z.string().max(2000),
    code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    client_id: z.string().max(100),
    refresh_token: z.string().max(300),
  }),
]);

// Form bodies are read by readForm (oidc/form.ts) (strict charset and size), not by the runtime's form parser,
// so their declarations carry the same zod schemas as JSON Schema for the document only.
const tokenRoute = createRoute({
  method: 'post',
  path: '/token',
  summary: 'Exchange a code (with PKCE) or rotate a refresh token; requires a DPoP proof',
  parameters: [{ name: 'DPoP', in: 'header', required: true, schema: { type: 'string' } }],
  request: { body: { required: true, content: formContent(tokenForm) } },
  responses: oauthAnswers(
    { 200: { description: 'access_token (DPoP, 5 minutes), id_token (ES256), refresh_token (rotating)' } },
    {
      400: 'invalid_request, invalid_grant, invalid_dpop_proof, or use_dpop_nonce (with a DPoP-Nonce header: send again with it)',
      401: 'invalid_client',
      429: 'rate_limited',
    },
  ),
});

token.openapi(tokenRoute, async (c) => {
  const form = await readForm(c);
  if (!form)
    return oauthError(
      c,
      400,
      'invalid_request',
      'Send the token request as application/x-www-form-urlencoded (UTF-8, at most 8 KiB).',
    );
  const parsed = tokenForm.safeParse(form);
  if (!parsed.success)
    return oauthError(c, 400, 'invalid_request', 'The token request is missing or has malformed parameters.');
  const { config } = c.var;
  const client = config.clients.get(parsed.data.client_id);
  if (!client) return oauthError(c, 401, 'invalid_client', 'Unknown client_id.');
  if (!originAllowed(client, c.req.header('Origin')))
    return oauthError(c, 401, 'invalid_client', 'This origin is not registered for the client.');
  noteClient(c, client);

  const now = nowSeconds();
  const proof = await verifyDpop(c.req.header('DPoP'), { method: 'POST', url: c.req.url, now });
  if (!proof.ok) return oauthError(c, 400, 'invalid_dpop_proof', `The DPoP proof is invalid: ${proof.error}.`);
  const keys = await keysFor(config);
  // RFC 9449 §8: refused before anything is used up (code, refresh token, jti), so the client
  // simply sends the request again with the nonce. Only this refusal and a success carry a
  // nonce: oidc-client-ts retries any failure that has one.
  if (!(await nonceIsFresh(keys.nonceKey, proof.value.nonce, now))) {
    c.header('DPoP-Nonce', await currentNonce(keys.nonceKey, now));
    return oauthError(c, 400, 'use_dpop_nonce', ERRORS.use_dpop_nonce.message);
  }
  const { jkt, jti, iat } = proof.value;
  if (!(await keyStore(c.env.ONE_TIME_IDS, jkt).useOnce(jti, iat + DPOP_WINDOW_SECONDS, now))) {
    return oauthError(c, 400, 'invalid_dpop_proof', 'The DPoP proof was already used.');
  }

  const granted = { client, keys, jkt, now };
  return parsed.data.grant_type === 'authorization_code'
    ? authorizationCodeGrant(c, parsed.data, granted)
    : refreshTokenGrant(c, parsed.data, granted);
});

/** What both grants have checked before they start: the client, the proof's key, the time. */
interface Granted {
  client: WidgetClient;
  keys: ProxyKeys;
  jkt: string;
  now: number;
}

type Grant = z.infer<typeof tokenForm>;

/** A one-time code (with its PKCE verifier and DPoP key) becomes a new sign-in. */
async function authorizationCodeGrant(
  c: Context<ProxyEnv>,
  grant: Extract<Grant, { grant_type: 'authorization_code' }>,
  { client, keys, jkt, now }: Granted,
): Promise<Response> {
  const { code, redirect_uri, code_verifier } = grant;
  const codeRecord = codeStore(c.env.LOGIN_CODES, await sha256(code));
  const taken = await codeRecord.takeCode(now);
  if (!taken.ok) {
    if (taken.error.kind === 'used' && taken.error.familyId)
      await familyStore(c.env.SIGN_INS, taken.error.familyId).revoke();
    return oauthError(c, 400, 'invalid_grant', 'The code is invalid, expired or already used.');
  }
  const login = taken.value;
  if (login.clientId !== client.client_id || login.redirectUri !== redirect_uri || login.account !== client.account) {
    return oauthError(c, 400, 'invalid_grant', 'The code was issued to another client or redirect_uri.');
  }
  if ((await sha256(code_verifier)) !== login.codeChallenge)
    return oauthError(c, 400, 'invalid_grant', 'PKCE verification failed.');
  if (login.dpopJkt !== null && login.dpopJkt !== jkt)
    return oauthError(c, 400, 'invalid_grant', 'The code is bound to another DPoP key.');
  const familyId = randomToken(16);
  const family: Family = {
    clientId: client.client_id,
    account: login.account,
    memberId: login.memberId,
    givenName: login.givenName,
    jkt,
    authTime: login.authTime,
    expiresAt: now + Math.min(FAMILY_SECONDS, login.sessionSeconds ?? FAMILY_SECONDS),
  };
  const secret = randomToken(32);
  await familyStore(c.env.SIGN_INS, familyId).createFamily(family, await refreshSecretHash(keys, familyId, secret));
  await codeRecord.noteFamily(familyId);
  return tokenResponse(c, keys, client, family, familyId, secret, login.nonce, now);
}

/** A refresh token is rotated within its sign-in (same client, same DPoP key, same account). */
async function refreshTokenGrant(
  c: Context<ProxyEnv>,
  grant: Extract<Grant, { grant_type: 'refresh_token' }>,
  { client, keys, jkt, now }: Granted,
): Promise<Response> {
  const split = splitRefreshToken(grant.refresh_token);
  if (!split) return oauthError(c, 400, 'invalid_grant', 'The refresh token is invalid.');
  const store = familyStore(c.env.SIGN_INS, split.familyId);
  const nextSecret = randomToken(32);
  const rotation = await store.rotate(
    await refreshSecretHash(keys, split.familyId, split.secret),
    await refreshSecretHash(keys, split.familyId, nextSecret),
    now,
    { clientId: client.client_id, jkt },
  );
  if (!rotation.ok)
    return oauthError(
      c,
      400,
      'invalid_grant',
      rotation.error === 'superseded'
        ? 'This refresh token was just rotated by another request; use the newest one.'
        : 'The refresh token is invalid, expired, revoked or was already used.',
    );
  const family = rotation.value;
  if (family.clientId !== client.client_id || family.jkt !== jkt) {
    await store.revoke();
    return oauthError(c, 400, 'invalid_grant', 'The refresh token is bound to another client or DPoP key.');
  }
  if (family.account !== client.account) {
    // The store now uses another Spendgo account, where this member id means nothing.
    await store.revoke();
    return oauthError(c, 400, 'invalid_grant', "The store's Spendgo account changed; sign in again.");
  }
  return tokenResponse(c, keys, client, family, split.familyId, nextSecret, null, now);
}

async function tokenResponse(
  c: Context<ProxyEnv>,
  keys: ProxyKeys,
  client: WidgetClient,
  family: Family,
  familyId: string,
  secret: string,
  nonce: string | null,
  now: number,
): Promise<Response> {
  const issuer = c.var.config.publicUrl;
  const claims = {
    memberId: family.memberId,
    clientId: client.client_id,
    account: family.account,
    familyId,
    givenName: family.givenName,
    jkt: family.jkt,
  };
  const subject = await pairwiseSubject(keys, client.client_id, family.memberId);
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  c.header('DPoP-Nonce', await currentNonce(keys.nonceKey, now));
  return c.json({
    access_token: await mintAccessToken(keys, issuer, claims, now),
    token_type: 'DPoP',
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: `${familyId}.${secret}`,
    id_token: await mintIdToken(
      keys,
      issuer,
      { clientId: client.client_id, subject, givenName: family.givenName, nonce, authTime: family.authTime },
      now,
    ),
    scope: 'openid profile',
  });
}
