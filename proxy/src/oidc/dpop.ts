// DPoP proof checks (RFC 9449) with jose: typ dpop+jwt, ES256 with an embedded public key,
// method and URL (without query or fragment), a fresh iat, a jti, and for resource calls the
// access-token hash. The caller checks the server nonce the proof carries (dpop-nonce.ts) and
// a jti's replay against storage.

import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify } from 'jose';
import { err, ok, type Result } from '../../../shared/result';
import { sha256 } from '../lib/crypto';

export interface DpopProof {
  jkt: string;
  jti: string;
  iat: number;
  /** The `nonce` claim as sent (checked by the caller). */
  nonce: unknown;
}

export interface DpopExpectation {
  method: string;
  url: string;
  /** Seconds since the epoch. */
  now: number;
  /** For resource requests: the access token the proof must be bound to (`ath`). */
  accessToken?: string;
}

/** How far in the past or future a proof's iat may be. */
export const DPOP_WINDOW_SECONDS = 120;

export function htu(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function verifyDpop(
  proof: string | undefined,
  expect: DpopExpectation,
): Promise<Result<DpopProof, string>> {
  if (!proof || proof.length > 4096 || proof.includes(',')) return err('a single DPoP proof is required');
  try {
    const header = decodeProtectedHeader(proof);
    if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256' || !header.jwk)
      return err('the proof header is not a DPoP ES256 header');
    if ('d' in header.jwk) return err('the proof carries a private key');
    const { payload } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
      currentDate: new Date(expect.now * 1000),
    });
    if (payload.htm !== expect.method) return err('htm does not match the request method');
    if (typeof payload.htu !== 'string' || htu(payload.htu) !== htu(expect.url))
      return err('htu does not match the request URL');
    if (typeof payload.iat !== 'number' || Math.abs(expect.now - payload.iat) > DPOP_WINDOW_SECONDS)
      return err('the proof is stale');
    if (typeof payload.jti !== 'string' || payload.jti.length < 8 || payload.jti.length > 200)
      return err('the proof has no usable jti');
    if (expect.accessToken !== undefined && payload['ath'] !== (await sha256(expect.accessToken))) {
      return err('ath does not match the access token');
    }
    return ok({
      jkt: await calculateJwkThumbprint(header.jwk),
      jti: payload.jti,
      iat: payload.iat,
      nonce: payload['nonce'],
    });
  } catch {
    return err('the proof signature or format is invalid');
  }
}
