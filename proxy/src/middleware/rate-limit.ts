// Rate limiting with the Workers Rate Limiting binding (simulated by wrangler dev and the test
// runtime), for requests made before anyone is authenticated: keyed by the caller's IP alone
// (CF-Connecting-IP, set by Cloudflare), so a caller cannot pick a fresh bucket by naming another
// client_id, sending another Origin or leaving it out. On a public deployment a request without
// it did not come through the edge, and is refused rather than share one bucket with all such.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv, RequestScope } from '../context';
import { isLocalHost } from '../config-rules';
import { fail } from '../http-errors';

type LimiterName = 'OAUTH_RATE_LIMITER' | 'CHECKOUT_RATE_LIMITER' | 'APP_GUEST_RATE_LIMITER' | 'JOIN_RATE_LIMITER';

/** The bucket's caller: the edge's CF-Connecting-IP; without it, 'local' in local development
 * and null (refuse) on a public deployment. */
export function callerKey(connectingIp: string | undefined, publicDeployment: boolean): string | null {
  if (connectingIp) return connectingIp;
  return publicDeployment ? null : 'local';
}

function caller(c: Pick<RequestScope, 'req' | 'var'>): string | null {
  return callerKey(c.req.header('CF-Connecting-IP'), !isLocalHost(new URL(c.var.config.publicUrl).hostname));
}

/** Counts the request against `limiter`, in a bucket per `scope` and caller IP; false once over,
 * or when the caller has no address to count. */
export async function withinLimit(
  c: Pick<RequestScope, 'env' | 'req' | 'var'>,
  limiter: LimiterName,
  scope: string,
): Promise<boolean> {
  const ip = caller(c);
  if (ip === null) return false;
  const { success } = await c.env[limiter].limit({ key: `${scope}:${ip}` });
  return success;
}

/** Counts each request against `limiter`, in a bucket per `scope` and caller IP. */
export const rateLimit = (limiter: LimiterName, scope: string) =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    if (caller(c) === null) return fail(c, 'forbidden', 'The request did not come through the network edge.');
    if (!(await withinLimit(c, limiter, scope))) return fail(c, 'rate_limited');
    await next();
    return;
  });
