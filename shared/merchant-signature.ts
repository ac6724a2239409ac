// The merchant API's request signature, in the style of Stripe's webhooks, extended so that a
// signed request cannot be replayed or moved to another client or Idempotency-Key:
//   Spendgo-Loyalty-Signature: t=<unix seconds>,n=<nonce>,v1=<hex HMAC-SHA256(secret, message)>
//   message = t.nonce.METHOD.path?query.client_id.idempotency_key.body
// (idempotency_key is empty when the request has none). The nonce is fresh for every request,
// so an honest retry is a new signature; the proxy refuses one it has already seen.
// Shared by the proxy (which verifies) and the merchant client (which signs). Web Crypto only,
// so it runs in Workers, Node 22 and browsers alike; shared/hmac.ts verifies in constant time.

import { hmacHex, hmacHexMatches, randomHex } from './hmac.ts';
import { err, ok, type Result } from './result.ts';

export const SIGNATURE_HEADER = 'Spendgo-Loyalty-Signature';
export const CLIENT_HEADER = 'Spendgo-Loyalty-Client';
/** How far a signature's timestamp may be from the proxy's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What a signature covers, besides its time and nonce. */
export interface SignedRequest {
  method: string;
  pathAndQuery: string;
  clientId: string;
  idempotencyKey: string | undefined;
  body: string;
}

function message(timestamp: number, nonce: string, r: SignedRequest): string {
  return [timestamp, nonce, r.method.toUpperCase(), r.pathAndQuery, r.clientId, r.idempotencyKey ?? '', r.body].join(
    '.',
  );
}

export function newNonce(): string {
  return randomHex(16);
}

export async function signMerchantRequest(
  secret: string,
  request: SignedRequest,
  timestamp: number,
  nonce: string = newNonce(),
): Promise<string> {
  return `t=${timestamp},n=${nonce},v1=${await hmacHex(secret, message(timestamp, nonce, request))}`;
}

/** A verified header's parts (the signature is what a replay check remembers). */
export interface SignedHeader {
  timestamp: number;
  signature: string;
}

export type SignatureRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch';

export async function verifyMerchantRequest(
  secret: string,
  header: string | undefined,
  now: number,
  request: SignedRequest,
): Promise<Result<SignedHeader, SignatureRefusal>> {
  if (!header) return err('missing');
  const match = /^t=(\d{1,12}),n=([A-Za-z0-9_-]{16,64}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return err('malformed');
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return err('stale');
  const signature = match[3]!;
  const valid = await hmacHexMatches(secret, message(timestamp, match[2]!, request), signature);
  return valid ? ok({ timestamp, signature }) : err('mismatch');
}
