// Rate limiting with the Workers Rate Limiting binding (simulated by wrangler dev and the test
// runtime), for requests made before anyone is authenticated: keyed by the caller's IP alone
// (CF-Connecting-IP, set by Cloudflare), so a caller cannot pick a fresh bucket by naming another
// client_id, sending another Origin or leaving it out.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv, RequestScope } from '../context';
import { fail } from '../http-errors';

type LimiterName = 'OAUTH_RATE_LIMITER' | 'CHECKOUT_RATE_LIMITER';

function clientIp(c: RequestScope): string {
  return c.req.header('CF-Connecting-IP') ?? 'local';
}

/** `except`: paths (exact) the limit does not count, such as public keys a verifier fetches. */
export function rateLimit(binding: LimiterName, scope: string, except: readonly string[] = []) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    if (!except.includes(c.req.path)) {
      const { success } = await c.env[binding].limit({ key: `${scope}:${clientIp(c)}` });
      if (!success) return fail(c, 'rate_limited');
    }
    await next();
    return;
  });
}
