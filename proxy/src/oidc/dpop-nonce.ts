import { base64url } from '../lib/crypto';
// DPoP server nonces (RFC 9449 §8 and §9), stateless: a nonce names a 30-second period and
// carries an HMAC of it under a key derived from PROXY_TOKEN_SECRET. A nonce is accepted in its
// own period and the next, so a proof can be used at most ~60 s after the nonce it carries was
// issued, however far ahead its iat was set: a proof cannot be made now and kept for later.
// The token endpoint and the resource routes share one nonce (one server).

export const DPOP_NONCE_PERIOD_SECONDS = 30;

const encoder = new TextEncoder();

function periodOf(now: number): number {
  return Math.floor(now / DPOP_NONCE_PERIOD_SECONDS);
}

async function macOf(key: CryptoKey, period: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`dpop-nonce/${period}`)));
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(base64.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The nonce to send now (in `DPoP-Nonce`). */
export async function currentNonce(key: CryptoKey, now: number): Promise<string> {
  const period = periodOf(now);
  return `${period.toString(36)}.${base64url(await macOf(key, period))}`;
}

/** True when `nonce` is one this proxy issued in the current or the previous period. */
export async function nonceIsFresh(key: CryptoKey, nonce: unknown, now: number): Promise<boolean> {
  if (typeof nonce !== 'string' || nonce.length > 64) return false;
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(nonce);
  if (!match) return false;
  const period = parseInt(match[1]!, 36);
  const current = periodOf(now);
  if (period !== current && period !== current - 1) return false;
  const signature = bytesOf(match[2]!);
  if (!signature) return false;
  // HMAC verification by WebCrypto compares in constant time.
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(`dpop-nonce/${period}`));
}
