// Fresh values for the proxy's own keys (its ID-token signing key and its token-sealing
// secret), generated on this machine and never committed: `npm start` writes them into
// .dev.vars, and the proxy's test config uses a new pair each run. Node only.

import { generateKeyPairSync, randomBytes } from 'node:crypto';

export function generatedSecrets(): { PROXY_SIGNING_KEY: string; PROXY_TOKEN_SECRET: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    PROXY_SIGNING_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
    PROXY_TOKEN_SECRET: randomBytes(32).toString('base64'),
  };
}
