// One structured log line per request: id, method, path (never the query, which carries codes
// and state), status, duration, client and Spendgo attempts. No tokens, secrets or member ids.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv } from '../context';

export const requestLog = createMiddleware<ProxyEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const status = c.res.status;
  console.log(
    JSON.stringify({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      request_id: c.var.requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      ms: Date.now() - started,
      client_id: c.var.client?.client_id ?? null,
      member: c.var.member !== undefined,
      upstream_attempts: c.var.upstreamAttempts,
    }),
  );
});
