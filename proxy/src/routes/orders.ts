// The merchant lifecycle API: POST /v1/orders/{order_id}/events, GET /v1/orders/{order_id} and
// POST /v1/orders/{order_id}/events/{seq}/redrive|confirm, signed by the merchant backend. Thin: validate,
// hand the event to the order's OrderLedger Durable Object, map its answer (or, with
// `Prefer: wait=N`, Spendgo's verdict once delivered).

import { Hono } from 'hono';
import * as z from 'zod';
import { confirmEventSchema, orderEventSchema, orderIdSchema } from '../../../shared/wire';
import type { MerchantScope, ProxyEnv, RequestScope } from '../context';
import { orderLedger } from '../durable-objects';
import { ERRORS, errorBody, fail } from '../http-errors';
import { readJson } from '../middleware/json-body';
import { merchantAuth } from '../middleware/merchant-auth';
import { refusalResponse } from '../refusal-responses';
import { canonicalJson } from '../lib/canonical-json';
import { sha256 } from '../lib/crypto';

export const orders = new Hono<ProxyEnv>();

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function ledger(c: MerchantScope, orderId: string) {
  return orderLedger(c.env.ORDER_LEDGER, c.var.client.client_id, orderId);
}

function orderIdOf(c: RequestScope): string | null {
  const parsed = orderIdSchema.safeParse(c.req.param('order_id'));
  return parsed.success ? parsed.data : null;
}

orders.post('/orders/:order_id/events', merchantAuth, async (c) => {
  const orderId = orderIdOf(c);
  if (!orderId) return fail(c, 'invalid_request', 'The order id must be 1–64 letters, digits, _ or -.');
  const idempotencyKey = c.req.header('Idempotency-Key');
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) return fail(c, 'idempotency_key_required');
  const event = await readJson(c, orderEventSchema);
  if (!event.ok) return event.error;
  const stub = ledger(c, orderId);
  const result = await stub.accept({
    clientId: c.var.client.client_id,
    account: c.var.client.account,
    orderId,
    idempotencyKey,
    requestHash: await sha256(canonicalJson(event.value)),
    event: event.value,
  });
  c.header('Cache-Control', 'no-store');
  if (!result.ok) return refusalResponse(c, result.error);
  const accepted = result.value.result;
  const waitSeconds = preferredWait(c.req.header('Prefer'));
  if (waitSeconds === null) return c.json(accepted, result.value.kind === 'accepted' ? 202 : 200);
  // Prefer: wait=N (RFC 7240): answer with Spendgo's verdict if delivery finishes in time, so a
  // shop learns that Spendgo refused `placed` before it charges the card.
  c.header('Preference-Applied', `wait=${waitSeconds}`);
  const settled = (await stub.settle(accepted.event.seq, waitSeconds * 1000)) ?? accepted;
  if (settled.event.state === 'delivered') return c.json(settled, 200);
  if (settled.event.state === 'dead_lettered')
    return c.json(
      { ...errorBody('spendgo_refused', settled.event.last_error ?? ERRORS.spendgo_refused.message), ...settled },
      ERRORS.spendgo_refused.status,
    );
  return c.json(settled, 202);
});

/** Seconds from `Prefer: wait=N`, at most 10; null without the preference. */
function preferredWait(prefer: string | undefined): number | null {
  const match = /(?:^|[,;\s])wait=(\d{1,4})(?:$|[,;\s])/i.exec(prefer ?? '');
  return match ? Math.min(10, Number(match[1])) : null;
}

orders.get('/orders/:order_id', merchantAuth, async (c) => {
  const orderId = orderIdOf(c);
  if (!orderId) return fail(c, 'invalid_request', 'The order id must be 1–64 letters, digits, _ or -.');
  const view = await ledger(c, orderId).view();
  c.header('Cache-Control', 'no-store');
  return view ? c.json(view) : fail(c, 'order_not_found');
});

// A stopped event: redrive sends it again; confirm records that Spendgo already applied it.
for (const action of ['redrive', 'confirm'] as const) {
  orders.post(`/orders/:order_id/events/:seq/${action}`, merchantAuth, async (c) => {
    const orderId = orderIdOf(c);
    const seq = z.coerce.number().int().min(1).max(100).safeParse(c.req.param('seq'));
    if (!orderId || !seq.success) return fail(c, 'invalid_request', 'An order id and an event number are required.');
    const stub = ledger(c, orderId);
    if (action === 'redrive') {
      const result = await stub.redrive(seq.data);
      return result.ok ? c.json(result.value, 202) : refusalResponse(c, result.error);
    }
    // Confirming may name Spendgo's transaction id, seen at Spendgo when the answer was lost.
    const body = (await c.req.text()) === '' ? { ok: true as const, value: {} } : await readJson(c, confirmEventSchema);
    if (!body.ok) return body.error;
    const result = await stub.confirm(seq.data, body.value.transaction_id ?? null);
    return result.ok ? c.json(result.value, 202) : refusalResponse(c, result.error);
  });
}
