// Spendgo's signed server-to-server API (docs/spendgo-api.md §5): members, balance, rewards by
// store, and orders. Thin: validate, call the state object, send its reply.

import { Hono } from 'hono';
import { contractProblem } from '../core/contract';
import { createMemberSchema, orderRequestSchema } from '../core/wire';
import { parseJson, SAFE_ID, send, sha256Hex, type SandboxContext, type SandboxEnv } from '../http/context';
import { verifySignature } from '../http/middleware';
import { spendgoError } from '../state/reply';

export const loyalty = new Hono<SandboxEnv>();

loyalty.use('*', verifySignature);

function memberIdProblem(c: SandboxContext, id: string): Response | null {
  return SAFE_ID.test(id) ? null : send(c, spendgoError(400, 4003, `Invalid user account id: ${id.slice(0, 32)}`));
}

loyalty.post('/accounts', async (c) => {
  const parsed = parseJson(c.var.rawBody, createMemberSchema);
  if (!parsed.ok) return send(c, parsed.reply);
  return send(c, await c.var.state.createMember(c.var.account.brand, parsed.data));
});

loyalty.get('/accounts/:id/balance', async (c) => {
  const id = c.req.param('id');
  return memberIdProblem(c, id) ?? send(c, await c.var.state.balance(c.var.account.brand, id));
});

loyalty.get('/accounts/:id/rewards', async (c) => {
  const id = c.req.param('id');
  const store = c.req.query('store') ?? null;
  return memberIdProblem(c, id) ?? send(c, await c.var.state.storeRewards(c.var.account.brand, id, store));
});

loyalty.post('/accounts/:id/orders', async (c) => {
  const id = c.req.param('id');
  const invalidId = memberIdProblem(c, id);
  if (invalidId) return invalidId;
  const parsed = parseJson(c.var.rawBody, orderRequestSchema);
  if (!parsed.ok) return send(c, parsed.reply);
  const order = parsed.data;
  // The order's time and type, when given, are in the log: tests and the demo read them there.
  const when = [order.wanted && `wanted ${order.wanted}`, order.type].filter(Boolean).join(' ');
  c.set('logDetail', `${order.status} ${order.id ?? order.transaction ?? ''} ${when}`.trim().replace(/\s+/g, ' '));
  // A request naming another account is a bad request, not a permission problem: 403 would read
  // as "these credentials may not do this".
  if (order.brand !== c.var.account.brand) {
    return send(
      c,
      spendgoError(400, 2000, `Invalid brand ${order.brand.slice(0, 64)}: not this API key's account`, order.status),
    );
  }
  const { compat } = c.var.config;
  const problem = contractProblem(order, compat);
  if (problem) return send(c, spendgoError(400, 2000, problem, order.status));
  const hash = await sha256Hex(c.var.rawBody);
  return send(c, await c.var.state.order(id, order.brand, hash, order, compat.has('refund_before_completion')));
});

loyalty.all('*', (c) => send(c, spendgoError(404, 2000, 'Not found')));
