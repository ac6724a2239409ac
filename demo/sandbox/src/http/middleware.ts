// Middleware for Spendgo's API surface: injected faults, the request log, and the
// X-Class-Signature check that guards every /loyalty/* call.

import type { MiddlewareHandler } from 'hono';
import { accountByKey } from '../config';
import { checkSignature } from '../core/signature';
import { spendgoError } from '../state/reply';
import { readLimitedText, send, sleep, type SandboxEnv } from './context';

/** Applies the fault settings from /__sandbox/faults before (or, for `drop`, after) the handler. */
export const injectFaults: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const decision = await c.var.state.nextFault();
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  switch (decision.outcome) {
    case 'ok':
      return next();
    case 'error':
      return send(c, spendgoError(500, 500, 'Internal server error (injected by the sandbox)'));
    case 'rate_limit':
      c.header('Retry-After', '1');
      return send(c, spendgoError(429, 429, 'Too many requests (injected by the sandbox)'));
    case 'timeout':
      await sleep(decision.timeoutMs);
      return send(c, spendgoError(504, 504, 'Gateway timeout (injected by the sandbox)'));
    case 'drop':
      // The request takes effect; the caller never sees the answer.
      await next();
      c.res = new Response(null, { status: 502 });
      return;
  }
};

/** Records each API call (method, path, status, a short detail) for /__sandbox/requests, injected faults included. */
export const logRequests: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  await next();
  const url = new URL(c.req.url);
  c.executionCtx.waitUntil(c.var.state.logRequest(c.req.method, url.pathname, c.res.status, c.get('logDetail') ?? ''));
};

/** 401 with codes 1001–1004 unless the request is signed with one account's API key; that account serves it. */
export const verifySignature: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const body = await readLimitedText(c.req.raw);
  if (body === null) return send(c, spendgoError(413, 2000, 'Request body too large'));
  const { config } = c.var;
  const url = new URL(c.req.url);
  const key = c.req.header('X-Class-Key') ?? null;
  const check = await checkSignature(
    {
      key,
      signature: c.req.header('X-Class-Signature') ?? null,
      path: url.pathname,
      search: url.search,
      body,
    },
    {
      secretFor: (given) => accountByKey(config, given)?.apiSecret,
      strictQuery: !config.compat.has('path_only_signature'),
    },
  );
  if (!check.ok) return send(c, spendgoError(401, check.code, check.details));
  c.set('rawBody', body);
  c.set('account', accountByKey(config, key!)!);
  return next();
};
