// Rate limiting with the Workers Rate Limiting binding (simulated by wrangler dev and the test
// runtime), for requests made before anyone is authenticated: keyed by the caller's IP alone
// (CF-Connecting-IP, set by Cloudflare), so a caller cannot pick a fresh bucket by naming another
// client_id, sending another Origin or leaving it out.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv, RequestScope } from '../context';
import { fail } from '../http-errors';

type LimiterName = 'OAUTH_RATE_LIMITER' | 'CHECKOUT_RATE_LIMITER';

function clientIp(c: Pick<RequestScope, 'req'>): string {
  return c.req.header('CF-Connecting-IP') ?? 'local';
}

/** Counts the request against `limiter`, in a bucket per `scope` and caller IP; false once over. */
export async function withinLimit(
  c: Pick<RequestScope, 'env' | 'req'>,
  limiter: LimiterName,
  scope: string,
): Promise<boolean> {
  const { success } = await c.env[limiter].limit({ key: `${scope}:${clientIp(c)}` });
  return success;
}

/** Counts each request against `limiter`, in a bucket per `scope` and caller IP. */
export const rateLimit = (limiter: LimiterName, scope: string) =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    if (!(await withinLimit(c, limiter, scope))) return fail(c, 'rate_limited');
    await next();
    return;
  });
