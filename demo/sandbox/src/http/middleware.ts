// Middleware for Spendgo's API surface: injected faults, the request log, and the
// X-Class-Signature checks that guard every /loyalty/* call (the API key) and every /mobile/*
// call (the mobile API key, on its account's web context).

import type { Context, MiddlewareHandler } from 'hono';
import { accountByKey, accountByMobileKey, type SandboxAccount } from '../config';
import { checkSignature } from '../core/signature';
import { mobileError, spendgoError } from '../state/reply';
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

/** Checks X-Class-Key and X-Class-Signature over the path (+ query) and body with the key's secret. */
async function signedBy(
  c: Context<SandboxEnv>,
  secretFor: (key: string) => string | undefined,
): Promise<{ ok: true; body: string; key: string } | { ok: false; reply: Response }> {
  const body = await readLimitedText(c.req.raw);
  if (body === null) return { ok: false, reply: send(c, spendgoError(413, 2000, 'Request body too large')) };
  const url = new URL(c.req.url);
  const key = c.req.header('X-Class-Key') ?? null;
  const check = await checkSignature(
    { key, signature: c.req.header('X-Class-Signature') ?? null, path: url.pathname, search: url.search, body },
    { secretFor, strictQuery: !c.var.config.compat.has('path_only_signature') },
  );
  if (!check.ok) return { ok: false, reply: send(c, spendgoError(401, check.code, check.details)) };
  return { ok: true, body, key: key! };
}

/** 401 with codes 1001–1004 unless the request is signed with one account's API key; that account serves it. */
export const verifySignature: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const { config } = c.var;
  const signed = await signedBy(c, (given) => accountByKey(config, given)?.apiSecret);
  if (!signed.ok) return signed.reply;
  c.set('rawBody', signed.body);
  c.set('account', accountByKey(config, signed.key)!);
  return next();
};

/** The mobile API's check: signed with one account's mobile key, on that account's web context
 * (`/mobile/gen/<web_context>/...`); another account's context is not found. */
export const verifyMobileSignature: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const { config } = c.var;
  const signed = await signedBy(c, (given) => accountByMobileKey(config, given)?.mobile?.apiSecret);
  if (!signed.ok) return signed.reply;
  const account: SandboxAccount = accountByMobileKey(config, signed.key)!;
  if (c.req.param('context') !== account.mobile!.webContext) return send(c, mobileError(404, 2000, 'Not found'));
  c.set('rawBody', signed.body);
  c.set('account', account);
  return next();
};
