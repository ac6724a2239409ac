// The merchant backend's client for the lifecycle API: signs each request with the merchant
// secret (a fresh nonce each time, so a captured request cannot be replayed) and gives each
// event a stable Idempotency-Key (order id + event), so a retry can never apply an event twice.
// Retryable failures are retried with backoff (retry.ts), every call has a timeout, and errors
// are typed by family with the proxy's request id (errors.ts). Runs on Node 22+, Workers, Deno.
//
//   const loyalty = createMerchantClient({ proxyUrl, clientId, secret });
//   const { order } = await loyalty.placed('A-1001', { checkoutId, store, items, subtotal, tax, payments });
//   // charge order.total (the validated discount is already taken off), then:
//   await loyalty.billed('A-1001', { payments: [{ tender: 'credit', amount: order.total }] });
//   await loyalty.completed('A-1001');

import { CLIENT_HEADER, SIGNATURE_HEADER, signMerchantRequest } from '../shared/merchant-signature.ts';
import type { OrderEventInput, OrderEventResult, OrderList, OrderView, WebhookTestResult } from '../shared/wire-types';

import { errorClassFor, MerchantConnectionError, MerchantServerError, type MerchantApiError } from './errors.ts';
import { DEFAULT_RETRIES, retryDelayMs, type RetryPolicy } from './retry.ts';
import type { EventOptions, MerchantClient, MerchantClientOptions, WithRequestId } from './types.ts';

export {
  MerchantApiError,
  MerchantAuthenticationError,
  MerchantConflictError,
  MerchantConnectionError,
  MerchantInvalidRequestError,
  MerchantRateLimitError,
  MerchantServerError,
} from './errors.ts';
export { constructEvent, webhooks, WebhookSignatureError } from './webhooks.ts';
export type { RetryPolicy } from './retry.ts';
export type {
  EventOptions,
  MerchantClient,
  MerchantClientOptions,
  OrderFilter,
  PlacedInput,
  WithRequestId,
} from './types.ts';

// Webhooks: verify each one before you read it (webhooks.constructEvent, or verifyWebhook).
export {
  verifyWebhook,
  WEBHOOK_CLIENT_HEADER,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../shared/webhook-signature.ts';
export type { WebhookEvent } from '../shared/wire-types';

export function createMerchantClient(options: MerchantClientOptions): MerchantClient {
  const base = options.proxyUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  const timeoutMs = options.timeoutMs ?? 30_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRIES, ...options.retries };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  /** One attempt, signed afresh (a new nonce), as the answer or a typed error. */
  async function attempt(
    method: 'GET' | 'POST',
    path: string,
    text: string,
    idempotencyKey: string | undefined,
    extraHeaders: Record<string, string>,
  ): Promise<
    | { ok: true; value: object; requestId: string | null }
    | { ok: false; error: MerchantApiError; retryAfter: string | null }
  > {
    const signed = { method, pathAndQuery: path, clientId: options.clientId, idempotencyKey, body: text };
    const headers: Record<string, string> = {
      [CLIENT_HEADER]: options.clientId,
      [SIGNATURE_HEADER]: await signMerchantRequest(options.secret, signed, now()),
      Accept: 'application/json',
      ...extraHeaders,
    };
    if (text) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (options.operator !== undefined && method !== 'GET') headers['Spendgo-Operator'] = options.operator;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(text && { body: text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      const message = timedOut ? `No answer within ${String(timeoutMs)} ms.` : 'The proxy could not be reached.';
      return {
        ok: false,
        error: new MerchantConnectionError(0, timedOut ? 'timeout' : 'network_error', message, true, undefined),
        retryAfter: null,
      };
    }
    const requestId = res.headers.get('X-Request-Id');
    const json = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; retryable: boolean };
      order?: OrderView;
    } | null;
    if (!res.ok) {
      const error = json?.error;
      const Failure = errorClassFor(res.status);
      return {
        ok: false,
        error: new Failure(
          res.status,
          error?.code ?? 'http_error',
          error?.message ?? `HTTP ${String(res.status)}`,
          error?.retryable ?? (res.status >= 500 || res.status === 429),
          json?.order,
          requestId,
        ),
        retryAfter: res.headers.get('Retry-After'),
      };
    }
    // A success whose body cannot be read is not a success: the caller does not know what was
    // stored, so it is tried again (with the same Idempotency-Key, which makes that safe).
    if (json === null || typeof json !== 'object') {
      const message = `The proxy answered HTTP ${String(res.status)} with a body that is not JSON; retry the call.`;
      return {
        ok: false,
        error: new MerchantServerError(res.status, 'unreadable_response', message, true, undefined, requestId),
        retryAfter: null,
      };
    }
    return { ok: true, value: json, requestId };
  }

  /** The call, tried again after a retryable failure when `retry` (idempotent calls only). */
  async function send<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    idempotencyKey?: string,
    extraHeaders: Record<string, string> = {},
    retry = true,
  ): Promise<WithRequestId<T>> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const attempts = retry ? Math.max(1, policy.attempts) : 1;
    for (let n = 1; ; n++) {
      const result = await attempt(method, path, text, idempotencyKey, extraHeaders);
      if (result.ok) return { ...(result.value as T), requestId: result.requestId };
      if (!result.error.retryable || n >= attempts) throw result.error;
      await sleep(retryDelayMs(policy, n + 1, result.retryAfter, random));
    }
  }

  const event = (orderId: string, body: OrderEventInput, options?: EventOptions) =>
    send<OrderEventResult>(
      'POST',
      `/v1/orders/${encodeURIComponent(orderId)}/events`,
      body,
      options?.idempotencyKey ?? `${orderId}:${body.type}`,
      options?.wait === undefined ? {} : { Prefer: `wait=${Math.max(0, Math.min(10, Math.round(options.wait)))}` },
    );

  return {
    placed: (orderId, input, opts) => {
      const { checkoutId, rewardDiscount, holdUntil, wanted, orderType, ...rest } = input;
      return event(
        orderId,
        {
          type: 'placed',
          checkout_id: checkoutId,
          ...rest,
          ...(rewardDiscount !== undefined && { reward_discount: rewardDiscount }),
          ...(holdUntil !== undefined && { hold_until: isoOf(holdUntil) }),
          ...(wanted !== undefined && { wanted: isoOf(wanted) }),
          ...(orderType !== undefined && { order_type: orderType }),
        },
        opts,
      );
    },
    billed: (orderId, input, opts) => event(orderId, { type: 'billed', ...input }, opts),
    completed: (orderId, opts) => event(orderId, { type: 'completed' }, opts),
    voided: (orderId, input = {}, opts) => event(orderId, { type: 'voided', ...input }, opts),
    refunded: (orderId, input = {}, opts) => event(orderId, { type: 'refunded', ...input }, opts),
    get: (orderId) => send<OrderView>('GET', `/v1/orders/${encodeURIComponent(orderId)}`),
    list: (filter = {}) => {
      const query = new URLSearchParams();
      if (filter.status) query.set('status', filter.status);
      if (filter.attention !== undefined) query.set('attention', String(filter.attention));
      if (filter.held !== undefined) query.set('held', String(filter.held));
      if (filter.voidedBy) query.set('voided_by', filter.voidedBy);
      if (filter.from) query.set('from', filter.from.toISOString());
      if (filter.to) query.set('to', filter.to.toISOString());
      if (filter.cursor) query.set('cursor', filter.cursor);
      if (filter.limit !== undefined) query.set('limit', String(filter.limit));
      const text = query.toString();
      return send<OrderList>('GET', `/v1/orders${text ? `?${text}` : ''}`);
    },
    // Not retried: each attempt would send the merchant another test webhook.
    testWebhook: () => send<WebhookTestResult>('POST', '/v1/webhooks/test', undefined, undefined, {}, false),
    extendHold: (orderId, holdUntil) =>
      send<OrderView>('POST', `/v1/orders/${encodeURIComponent(orderId)}/hold`, { hold_until: isoOf(holdUntil) }),
    redrive: (orderId, seq) =>
      send<OrderView>('POST', `/v1/orders/${encodeURIComponent(orderId)}/events/${seq}/redrive`),
    confirm: (orderId, seq, transactionId) =>
      send<OrderView>(
        'POST',
        `/v1/orders/${encodeURIComponent(orderId)}/events/${seq}/confirm`,
        transactionId === undefined ? undefined : { transaction_id: transactionId },
      ),
  };
}

const isoOf = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());
