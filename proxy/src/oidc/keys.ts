// The proxy's own keys: the ES256 key that signs ID tokens (published at /oauth/jwks), and
// keys derived by HKDF from PROXY_TOKEN_SECRET, one per purpose, so a value sealed for one
// use can never be read as another. Imported once per isolate and configuration.

import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { ProxyConfig } from '../env';

export interface ProxyKeys {
  signing: CryptoKey;
  publicJwk: JWK & { kid: string };
  /** dir/A256GCM key for the state carried through Spendgo's sign-in. */
  stateKey: Uint8Array;
  /** dir/A256GCM key for access tokens (opaque to the browser, read only by this proxy). */
  accessKey: Uint8Array;
  /** HMAC key for pairwise subject identifiers and refresh-token hashes. */
  macKey: CryptoKey;
  /** HMAC key (sign and verify) for DPoP server nonces. */
  nonceKey: CryptoKey;
}

const cache = new WeakMap<ProxyConfig, Promise<ProxyKeys>>();

async function derive(secret: Uint8Array<ArrayBuffer>, info: string): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(`spendgo-proxy/${info}`) },
    base,
    256,
  );
  return new Uint8Array(bits);
}

async function load(config: ProxyConfig): Promise<ProxyKeys> {
  const signing = await crypto.subtle.importKey(
    'jwk',
    config.signingKey,
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign'],
  );
  const { kty, crv, x, y } = await exportJWK(signing);
  const publicPart = { kty, crv, x, y } as JWK;
  const kid = await calculateJwkThumbprint(publicPart);
  const secret = Uint8Array.from(atob(config.tokenSecret), (c) => c.charCodeAt(0));
  const macBytes = await derive(secret, 'mac');
  return {
    signing,
    publicJwk: { ...publicPart, kid, alg: 'ES256', use: 'sig' },
    stateKey: await derive(secret, 'state'),
    accessKey: await derive(secret, 'access'),
    macKey: await crypto.subtle.importKey('raw', macBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    nonceKey: await crypto.subtle.importKey(
      'raw',
      await derive(secret, 'dpop-nonce'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ),
  };
}

export function keysFor(config: ProxyConfig): Promise<ProxyKeys> {
  let keys = cache.get(config);
  if (!keys) {
    keys = load(config);
    cache.set(config, keys);
  }
  return keys;
}
