// Who a Cloudflare Access request is: the Cf-Access-Jwt-Assertion Access adds to every request
// it lets through, verified here and never trusted unverified (a request can reach the Worker
// without Access, on its workers.dev address). RS256 against the team's published keys (fetched
// and cached by jose, refreshed when a token names an unknown key), issuer the team domain,
// audience the console's Access application, live within a minute's clock skew. The email
// must be a configured operator, who then sees the clients listed for it.

import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import type { ConsoleAccess } from './access-config';

export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';

export interface AccessOperator {
  email: string;
  clients: readonly string[];
}

export type AccessRefusal = 'no_token' | 'invalid_token' | 'not_an_operator';

/** One key set per team domain and isolate; jose caches its keys and refetches on a new kid. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keysOf(teamDomain: string, fetcher: typeof fetch | undefined) {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL('/cdn-cgi/access/certs', teamDomain), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      ...(fetcher && { [customFetch]: fetcher }),
    });
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/** The operator `token` signs in, or why not. `fetcher` reaches the team's keys (default: fetch). */
export async function accessOperator(
  access: ConsoleAccess,
  token: string | undefined,
  fetcher?: typeof fetch,
): Promise<{ ok: true; value: AccessOperator } | { ok: false; error: AccessRefusal }> {
  if (!token) return { ok: false, error: 'no_token' };
  let email: unknown;
  try {
    const { payload } = await jwtVerify(token, keysOf(access.teamDomain, fetcher), {
      issuer: access.teamDomain,
      audience: access.audience,
      algorithms: ['RS256'],
      clockTolerance: 60,
      requiredClaims: ['exp', 'iat', 'email'],
    });
    email = payload['email'];
  } catch {
    return { ok: false, error: 'invalid_token' };
  }
  const clients = typeof email === 'string' ? access.operators.get(email.toLowerCase()) : undefined;
  if (typeof email !== 'string' || !clients) return { ok: false, error: 'not_an_operator' };
  return { ok: true, value: { email: email.toLowerCase(), clients } };
}
