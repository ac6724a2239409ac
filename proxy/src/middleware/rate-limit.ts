// Rate limiting with the Workers Rate Limiting binding (simulated by wrangler dev and the test
// runtime): a factory taking the binding's name and how to build the key from the request.

import { createMiddleware } from 'hono/factory';
import type { ProxyContext, ProxyEnv } from '../context';
import { fail } from '../http-errors';

type LimiterName = 'OAUTH_RATE_LIMITER' | 'CHECKOUT_RATE_LIMITER';

export function clientIp(c: ProxyContext): string {
  return c.req.header('CF-Connecting-IP') ?? 'local';
}

export function rateLimit(binding: LimiterName, keyOf: (c: ProxyContext) => string) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    const { success } = await c.env[binding].limit({ key: keyOf(c) });
    if (!success) return fail(c, 'rate_limited');
    await next();
    return;
  });
}
