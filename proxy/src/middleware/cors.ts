// Exact-origin CORS for the registered storefronts: an allowed Origin is reflected (with
// Vary: Origin), an unknown one gets no CORS headers, and a state-changing request from an
// unknown origin is refused outright. Per-client origin checks happen once the client is known.

import { createMiddleware } from 'hono/factory';
import { anyClientAllowsOrigin } from '../clients';
import type { ProxyEnv } from '../context';
import { fail } from '../http-errors';

const ALLOW_HEADERS = 'Authorization, DPoP, Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'DPoP-Nonce, WWW-Authenticate, X-Request-Id, Retry-After';

export const clientCors = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    const origin = c.req.header('Origin');
    const allowed = origin !== undefined && anyClientAllowsOrigin(c.var.config, origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return fail(c, 'origin_not_allowed');
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (origin !== undefined && !allowed && c.req.method !== 'GET') return fail(c, 'origin_not_allowed');
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    return;
  });

/** For public documents (discovery, JWKS, OpenAPI): readable from any origin, no credentials. */
export const publicCors = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  });
