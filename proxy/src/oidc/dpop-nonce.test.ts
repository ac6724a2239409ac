// The nonce's life: its own period and the next, never before it was issued or after; only
// this proxy's key makes one.

import { describe, expect, it } from 'vitest';
import { currentNonce, DPOP_NONCE_PERIOD_SECONDS as PERIOD, nonceIsFresh } from './dpop-nonce';

const hmacKey = () =>
  crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) as Promise<CryptoKey>;

describe('DPoP nonces', () => {
  it('are fresh in the period they were issued and the next, and only then', async () => {
    const key = await hmacKey();
    const start = 1_800_000_000 - (1_800_000_000 % PERIOD);
    const nonce = await currentNonce(key, start + 5);
    expect(await nonceIsFresh(key, nonce, start)).toBe(true);
    expect(await nonceIsFresh(key, nonce, start + 2 * PERIOD - 1)).toBe(true);
    expect(await nonceIsFresh(key, nonce, start + 2 * PERIOD)).toBe(false);
    expect(await nonceIsFresh(key, nonce, start - 1)).toBe(false);
  });

  it('made with another key, altered or malformed are not fresh', async () => {
    const key = await hmacKey();
    const now = 1_800_000_000;
    const nonce = await currentNonce(key, now);
    expect(await nonceIsFresh(await hmacKey(), nonce, now)).toBe(false);
    const [period, signature] = nonce.split('.') as [string, string];
    const altered = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await nonceIsFresh(key, `${period}.${altered}`, now)).toBe(false);
    for (const junk of [undefined, 42, '', '.', `${nonce}.`, nonce.replace('.', ''), 'x'.repeat(100)])
      expect(await nonceIsFresh(key, junk, now)).toBe(false);
  });
});
