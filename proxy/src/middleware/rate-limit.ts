// Rate limiting with the Workers Rate Limiting binding (simulated by wrangler dev and the test
// runtime), keyed by client and IP: one storefront's shoppers behind a shared address do not use
// up another storefront's allowance. A client_id nobody registered shares one bucket per IP, so
// inventing ids gains nothing.

import { createMiddleware } from 'hono/factory';
import { clientOfRequest } from '../clients';
import type { ProxyContext, ProxyEnv } from '../context';
import { fail } from '../http-errors';

type LimiterName = 'OAUTH_RATE_LIMITER' | 'CHECKOUT_RATE_LIMITER';

function clientIp(c: ProxyContext): string {
  return c.req.header('CF-Connecting-IP') ?? 'local';
}

/** The client a request names (its `client_id` query parameter, else its Origin) and its IP. */
function clientAndIp(c: ProxyContext): string {
  const client = clientOfRequest(c.var.config, c.req.query('client_id'), c.req.header('Origin'));
  return `${client?.client_id ?? '-'}:${clientIp(c)}`;
}

export function rateLimit(binding: LimiterName, scope: string) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    const { success } = await c.env[binding].limit({ key: `${scope}:${clientAndIp(c)}` });
    if (!success) return fail(c, 'rate_limited');
    await next();
    return;
  });
}
