// Authenticates the member from a DPoP-bound access token (RFC 9449 §7): the token must be
// ours and unexpired, its sign-in still active (not signed out or revoked), the proof must match
// this request and the token's key, carry a fresh server nonce (§9; every answer carries the next
// one in DPoP-Nonce), its jti unseen, and the page's origin registered for the token's client.
// The member id comes only from here.

import { createMiddleware } from 'hono/factory';
import { originAllowed } from '../clients';
import type { WidgetClient } from '../env';
import { noteClient, type MemberEnv, type RequestScope } from '../context';
import { fail, type ErrorCode } from '../http-errors';
import { DPOP_WINDOW_SECONDS, verifyDpop } from '../oidc/dpop';
import { currentNonce, nonceIsFresh } from '../oidc/dpop-nonce';
import { familyStore } from '../durable-objects';
import { keysFor } from '../oidc/keys';
import { readAccessToken, type AccessClaims } from '../oidc/tokens';
import { err, ok, type Result } from '../../../shared/result';
import { nowSeconds } from '../lib/clock';

function challenge(c: RequestScope, code: ErrorCode, oauthError: string, message?: string): Response {
  c.header('WWW-Authenticate', `DPoP error="${oauthError}", algs="ES256"`);
  return fail(c, code, message);
}

/** The verified member and the client their token was issued to. */
export interface Member {
  claims: AccessClaims;
  client: WidgetClient;
}

export async function authenticateMember(c: RequestScope): Promise<Result<Member, Response>> {
  const header = c.req.header('Authorization') ?? '';
  const match = /^DPoP ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) {
    if (header === '') return err(challenge(c, 'unauthorized', 'invalid_token'));
    return err(challenge(c, 'invalid_token', 'invalid_token', 'Use the DPoP scheme with a DPoP-bound access token.'));
  }
  const token = match[1]!;
  const { config } = c.var;
  const keys = await keysFor(config);
  const now = nowSeconds();
  const claims = await readAccessToken(keys, config.publicUrl, token, now);
  if (!claims) return err(challenge(c, 'invalid_token', 'invalid_token'));
  const proof = await verifyDpop(c.req.header('DPoP'), {
    method: c.req.method,
    url: c.req.url,
    now,
    accessToken: token,
  });
  if (!proof.ok)
    return err(challenge(c, 'invalid_dpop_proof', 'invalid_dpop_proof', `The DPoP proof is invalid: ${proof.error}.`));
  if (proof.value.jkt !== claims.jkt) {
    return err(challenge(c, 'invalid_dpop_proof', 'invalid_dpop_proof', 'The DPoP proof was made with another key.'));
  }
  c.header('DPoP-Nonce', await currentNonce(keys.nonceKey, now));
  if (!(await nonceIsFresh(keys.nonceKey, proof.value.nonce, now)))
    return err(challenge(c, 'use_dpop_nonce', 'use_dpop_nonce'));
  // Per sign-in, whatever the address: a stolen session (with its key) cannot hammer Spendgo.
  if (!(await c.env.MEMBER_RATE_LIMITER.limit({ key: `member:${claims.familyId}` })).success)
    return err(fail(c, 'rate_limited'));
  const admitted = await familyStore(c.env.SIGN_INS, claims.familyId).admitProof(
    proof.value.jti,
    proof.value.iat + DPOP_WINDOW_SECONDS,
    now,
  );
  if (!admitted.ok)
    return err(
      admitted.error === 'inactive'
        ? challenge(c, 'invalid_token', 'invalid_token', 'The sign-in has ended; sign in again.')
        : challenge(c, 'invalid_dpop_proof', 'invalid_dpop_proof', 'The DPoP proof was already used.'),
    );
  const client = config.clients.get(claims.clientId);
  if (!client) return err(challenge(c, 'invalid_token', 'invalid_token'));
  // A member id is only valid in the Spendgo account it came from.
  if (client.account !== claims.account)
    return err(challenge(c, 'invalid_token', 'invalid_token', "The store's Spendgo account changed; sign in again."));
  if (!originAllowed(client, c.req.header('Origin'))) return err(fail(c, 'origin_not_allowed'));
  noteClient(c, client);
  c.var.log.member = true;
  return ok({ claims, client });
}

/** Routes given this middleware see `c.var.member` and `c.var.client` as set. */
export const memberAuth = () =>
  createMiddleware<MemberEnv>(async (c, next) => {
    const result = await authenticateMember(c);
    if (!result.ok) return result.error;
    c.set('client', result.value.client);
    c.set('member', result.value.claims);
    await next();
    return;
  });
