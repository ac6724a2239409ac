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

/** Makes every error answer readable by the page that caused it, so a storefront's developer sees
 * the code and request id rather than a CORS failure: a registered origin is reflected on an
 * error that has no CORS yet (one answered before a part's own CORS, such as a body too large).
 * When the configuration itself is broken no origin can be checked, and the error (which names
 * a setting, never a value) is readable by any page, without credentials. The console (same-origin)
 * and the merchant API (servers only: a browser there is refused and must read nothing) get none. */
export const errorCors = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    await next();
    const origin = c.req.header('Origin');
    if (origin === undefined || c.res.status < 400 || c.res.headers.has('Access-Control-Allow-Origin')) return;
    if (/^\/(console|v1\/orders|v1\/webhooks)(\/|$)/.test(c.req.path)) return;
    const config = (c.var as Partial<ProxyEnv['Variables']>).config;
    if (config === undefined) {
      c.res.headers.set('Access-Control-Allow-Origin', '*');
    } else if (anyClientAllowsOrigin(config, origin)) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    } else return;
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  });

/** For public documents (discovery, JWKS, OpenAPI): readable from any origin, no credentials. */
export const publicCors = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  });
