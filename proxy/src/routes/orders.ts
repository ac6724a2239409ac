// The merchant lifecycle API: GET /v1/orders (the client's orders, from its OrderIndex),
// POST /v1/orders/{order_id}/events, GET /v1/orders/{order_id},
// POST /v1/orders/{order_id}/hold and POST /v1/orders/{order_id}/events/{seq}/redrive|confirm,
// signed by the merchant backend. Thin: validate,
// hand the event to the order's OrderLedger Durable Object, map its answer (or, with
// `Prefer: wait=N`, Spendgo's verdict once delivered).

import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  confirmEventSchema,
  extendHoldSchema,
  orderListQuerySchema,
  orderListSchema,
  type OrderList,
  orderEventResultSchema,
  orderEventSchema,
  orderIdSchema,
  orderViewSchema,
} from '../../../shared/wire';
import type { MerchantEnv, MerchantScope } from '../context';
import { orderIndex, orderLedger } from '../durable-objects';
import { ERRORS, errorBody, fail, type ErrorCode } from '../http-errors';
import {
  answers,
  idempotencyHeaders,
  invalidInput,
  jsonContent,
  merchantSecurity,
  operatorHeaders,
  routes,
} from '../openapi';
import { refusalResponse } from '../refusal-responses';
import { canonicalJson } from '../lib/canonical-json';
import { sha256 } from '../lib/crypto';

/** Mounted behind merchantAuth (apps/merchant-api.ts), which establishes `c.var.client`. */
export const orders = routes<MerchantEnv>();

function ledger(c: MerchantScope, orderId: string) {
  return orderLedger(c.env.ORDER_LEDGER, c.var.client.client_id, orderId);
}

const orderParams = z.object({ order_id: orderIdSchema });
const eventParams = z.object({ order_id: orderIdSchema, seq: z.coerce.number().int().min(1).max(100) });
const RESERVED_KEY_PREFIX = 'proxy:';
const BAD_ORDER_ID = 'The order id must be 1–64 letters, digits, _ or -.';
const BAD_EVENT = 'An order id and an event number are required.';

/** What every merchant call may be refused with before its own checks. */
const merchantRefusals: ErrorCode[] = ['invalid_request', 'invalid_signature', 'signature_replayed', 'forbidden'];

const eventRoute = createRoute({
  method: 'post',
  path: '/{order_id}/events',
  summary:
    'Merchant backend: accept a lifecycle event (placed states the order: checkout_id, store, items, subtotal); 202 once durable, then delivered to Spendgo in order',
  security: merchantSecurity,
  request: {
    params: orderParams,
    headers: idempotencyHeaders.extend(operatorHeaders.shape),
    body: { required: true, content: jsonContent(orderEventSchema) },
  },
  responses: answers(
    {
      202: { description: 'Accepted and stored', content: jsonContent(orderEventResultSchema) },
      200: {
        description: 'This event was already accepted for the order (or, with Prefer: wait, delivered)',
        content: jsonContent(orderEventResultSchema),
      },
    },
    ...merchantRefusals,
    'idempotency_key_required',
    'unsupported_media_type',
    'order_not_found',
    'checkout_not_found',
    'invalid_transition',
    'event_conflict',
    'recheckout_required',
    'checkout_used',
    'checkout_expired',
    'discount_too_high',
    'total_mismatch',
    'payments_mismatch',
    'cart_mismatch',
    'order_id_taken',
    'reward_held',
    'invalid_hold',
    'idempotency_key_reused',
    'spendgo_refused',
  ),
});

orders.openapi(
  eventRoute,
  async (c) => {
    const orderId = c.req.valid('param').order_id;
    const { 'idempotency-key': idempotencyKey, 'spendgo-operator': operator } = c.req.valid('header');
    const event = c.req.valid('json');
    // The proxy's own events (a hold's auto-void) use keys under proxy:; a merchant's may not.
    if (idempotencyKey.startsWith(RESERVED_KEY_PREFIX))
      return fail(
        c,
        'idempotency_key_required',
        `Idempotency-Keys beginning with ${RESERVED_KEY_PREFIX} are reserved.`,
      );
    const stub = ledger(c, orderId);
    const result = await stub.accept({
      clientId: c.var.client.client_id,
      account: c.var.client.account,
      orderId,
      idempotencyKey,
      requestHash: await sha256(canonicalJson(event)),
      event,
      ...(operator !== undefined && { operator }),
      holdWindows: {
        holdSeconds: c.var.client.hold_seconds,
        afterWantedSeconds: c.var.client.hold_after_wanted_seconds,
      },
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
        { ...errorBody(c, 'spendgo_refused', settled.event.last_error ?? ERRORS.spendgo_refused.message), ...settled },
        ERRORS.spendgo_refused.status,
      );
    return c.json(settled, 202);
  },
  invalidInput(BAD_ORDER_ID),
);

/** Seconds from `Prefer: wait=N`, at most 10; null without the preference. */
function preferredWait(prefer: string | undefined): number | null {
  const match = /(?:^|[,;\s])wait=(\d{1,4})(?:$|[,;\s])/i.exec(prefer ?? '');
  return match ? Math.min(10, Number(match[1])) : null;
}

const orderRoute = createRoute({
  method: 'get',
  path: '/{order_id}',
  summary: 'Merchant backend: the order, each event’s delivery state and Spendgo’s transaction id',
  security: merchantSecurity,
  request: { params: orderParams },
  responses: answers(
    { 200: { description: 'The order', content: jsonContent(orderViewSchema) } },
    ...merchantRefusals,
    'order_not_found',
  ),
});

orders.openapi(
  orderRoute,
  async (c) => {
    const view = await ledger(c, c.req.valid('param').order_id).view();
    c.header('Cache-Control', 'no-store');
    return view ? c.json(view, 200) : fail(c, 'order_not_found');
  },
  invalidInput(BAD_ORDER_ID),
);

// A stopped event: redrive sends it again; confirm records that Spendgo already applied it.
const stoppedEventRefusals: ErrorCode[] = [...merchantRefusals, 'event_not_found', 'not_dead_lettered'];
const stoppedEventAnswers = answers(
  { 202: { description: 'The order', content: jsonContent(orderViewSchema) } },
  ...stoppedEventRefusals,
);

const redriveRoute = createRoute({
  method: 'post',
  path: '/{order_id}/events/{seq}/redrive',
  summary: 'Merchant backend: send a stopped event (dead-lettered or needing reconciliation) again',
  security: merchantSecurity,
  request: { params: eventParams, headers: operatorHeaders },
  responses: stoppedEventAnswers,
});

orders.openapi(
  redriveRoute,
  async (c) => {
    const { order_id, seq } = c.req.valid('param');
    const result = await ledger(c, order_id).redrive(seq, c.req.valid('header')['spendgo-operator']);
    return result.ok ? c.json(result.value, 202) : refusalResponse(c, result.error);
  },
  invalidInput(BAD_EVENT),
);

const confirmRoute = createRoute({
  method: 'post',
  path: '/{order_id}/events/{seq}/confirm',
  summary: 'Merchant backend: record that Spendgo applied a stopped event (checked at Spendgo); it is not sent again',
  security: merchantSecurity,
  // Confirming may name Spendgo's transaction id, seen at Spendgo when the answer was lost.
  request: {
    params: eventParams,
    headers: operatorHeaders,
    body: { required: false, content: jsonContent(confirmEventSchema) },
  },
  responses: answers(
    { 202: { description: 'The order', content: jsonContent(orderViewSchema) } },
    ...stoppedEventRefusals,
    'event_refused',
    'unsupported_media_type',
  ),
});

orders.openapi(
  confirmRoute,
  async (c) => {
    const { order_id, seq } = c.req.valid('param');
    const body = c.req.valid('json');
    const operator = c.req.valid('header')['spendgo-operator'];
    const result = await ledger(c, order_id).confirm(seq, body.transaction_id ?? null, operator);
    return result.ok ? c.json(result.value, 202) : refusalResponse(c, result.error);
  },
  invalidInput(BAD_EVENT),
);

const holdRoute = createRoute({
  method: 'post',
  path: '/{order_id}/hold',
  summary:
    'Merchant backend: extend a placed, unbilled order’s hold (its checkout and reward) to hold_until; when a hold ends unbilled the proxy voids the order',
  security: merchantSecurity,
  request: {
    params: orderParams,
    headers: operatorHeaders,
    body: { required: true, content: jsonContent(extendHoldSchema) },
  },
  responses: answers(
    { 200: { description: 'The order, with its new hold_until', content: jsonContent(orderViewSchema) } },
    ...merchantRefusals,
    'unsupported_media_type',
    'order_not_found',
    'hold_not_active',
    'invalid_hold',
  ),
});

orders.openapi(
  holdRoute,
  async (c) => {
    const operator = c.req.valid('header')['spendgo-operator'];
    const result = await ledger(c, c.req.valid('param').order_id).extendHold(c.req.valid('json').hold_until, operator);
    c.header('Cache-Control', 'no-store');
    return result.ok ? c.json(result.value, 200) : refusalResponse(c, result.error);
  },
  invalidInput(BAD_ORDER_ID),
);

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary:
    'Merchant backend: the client’s orders, newest first, by status, needing attention (a stopped event or a failed webhook, or one of these), held, auto-voided or placed between two dates',
  security: merchantSecurity,
  request: { query: orderListQuerySchema },
  responses: answers(
    { 200: { description: 'One page of orders', content: jsonContent(orderListSchema) } },
    ...merchantRefusals,
  ),
});

orders.openapi(
  listRoute,
  async (c) => {
    const q = c.req.valid('query');
    const [placedAt, orderId] = q.cursor?.split('.') ?? [];
    const found = await orderIndex(c.env.ORDER_INDEX, c.var.client.client_id).list({
      status: q.status,
      attention: q.attention === 'true' ? true : q.attention === 'false' ? undefined : q.attention,
      held: q.held === 'true',
      voidedBy: q.voided_by,
      from: q.from === undefined ? undefined : Date.parse(q.from),
      to: q.to === undefined ? undefined : Date.parse(q.to),
      before: placedAt && orderId ? { placedAt: Number(placedAt), orderId } : undefined,
      limit: q.limit + 1,
    });
    const page = found.slice(0, q.limit);
    const last = page.at(-1);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const body: OrderList = {
      orders: page.map((o) => ({
        order_id: o.orderId,
        status: o.status,
        attention: o.attention,
        hold_until: iso(o.holdUntil),
        voided_by: o.voidedBy,
        placed_at: new Date(o.placedAt).toISOString(),
      })),
      next_cursor: found.length > q.limit && last ? `${last.placedAt}.${last.orderId}` : null,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, 200);
  },
  invalidInput(
    'Filter by status, attention (true or a reason), held=true, voided_by, from and to (ISO 8601), cursor and limit (1–100).',
  ),
);
