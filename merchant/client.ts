// The merchant backend's client for the lifecycle API: signs each request with the merchant
// secret (a fresh nonce each time, so a captured request cannot be replayed) and gives each
// event a stable Idempotency-Key (order id + event), so a backend that retries after a timeout
// can never apply an event twice. Runs on Node 22+, Workers and Deno.
//
//   const loyalty = createMerchantClient({ proxyUrl, clientId, secret });
//   const { order } = await loyalty.placed('A-1001', { checkoutId, store, items, subtotal, tax, payments });
//   // charge order.total (the validated discount is already taken off), then:
//   await loyalty.billed('A-1001', { payments: [{ tender: 'credit', amount: order.total }] });
//   await loyalty.completed('A-1001');

import { CLIENT_HEADER, SIGNATURE_HEADER, signMerchantRequest } from '../shared/merchant-signature.ts';
import type {
  CartItem,
  OrderEventInput,
  OrderEventResult,
  OrderList,
  OrderView,
  Payment,
  WebhookTestResult,
} from '../shared/wire';

// Webhooks: verify each one with your webhook secret before you read it (see verifyWebhook).
export {
  verifyWebhook,
  WEBHOOK_CLIENT_HEADER,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../shared/webhook-signature.ts';
export type { WebhookEvent } from '../shared/wire';

export interface MerchantClientOptions {
  /** The proxy's base URL, e.g. https://loyalty.example.com */
  proxyUrl: string;
  clientId: string;
  /** The client's merchant secret (WIDGET_CLIENT_SECRETS); keep it on the server. */
  secret: string;
  fetch?: typeof fetch;
  /** Seconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** The order as your backend priced it, from your own catalogue, never from the page. Store,
 * source, items and subtotal must be the cart the checkout validated (else 409
 * recheckout_required); Spendgo credits points on this subtotal. */
export interface PlacedInput {
  checkoutId: string;
  store: string;
  /** Defaults to web. */
  source?: 'web' | 'mobileweb' | 'mobileapp' | 'instore';
  items: CartItem[];
  subtotal: number;
  tax?: number;
  tip?: number;
  delivery?: number;
  /** Checked if given: subtotal − reward discount − your discounts + tax + tip + delivery. */
  total?: number;
  /** Points Banking / Shop With Points only: take less than the validated discount. */
  rewardDiscount?: number;
  /** Your own discounts (a coupon): Spendgo is told the sum of all discounts. */
  discounts?: { label: string; amount: number }[];
  /** Spendgo requires payments from placed on: the intended payment (for an order charged later,
   * the authorisation). Together they must cover the order's total (422 `payments_mismatch`). */
  payments: Payment[];
  rendition?: 'onsite' | 'pickup' | 'delivery';
  /** When the guest receives the order (a reservation, a pickup): sent to Spendgo as `wanted`.
   * Without `holdUntil`, the hold runs until this time plus the client's window after it. */
  wanted?: Date | string;
  /** Spendgo's order `type`; regular unless catering. */
  orderType?: 'regular' | 'catering';
  /** Until when the order holds its checkout and the member's reward without `billed` (at most
   * 30 days ahead; default: the client's hold window, 7 days). If it ends unbilled, the proxy
   * voids the order by itself: do not charge an order after its hold. */
  holdUntil?: Date | string;
}

export interface EventOptions {
  /** Defaults to `<order id>:<event>`, which makes retries safe. */
  idempotencyKey?: string;
  /** Seconds (≤ 10) to wait for Spendgo's verdict (`Prefer: wait`): resolves once delivered,
   * throws `spendgo_refused` (422) if Spendgo refuses, and resolves with the event still
   * pending when it takes longer. Use it for `placed`, before charging the card. */
  wait?: number;
}

export class MerchantApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  /** For 409 invalid_transition: the order as it stands. */
  readonly order: OrderView | undefined;

  constructor(status: number, code: string, message: string, retryable: boolean, order: OrderView | undefined) {
    super(message);
    this.name = 'MerchantApiError';
    this.status = status;
    this.code = code;
    this.retryable = retryable;
    this.order = order;
  }
}

export interface OrderFilter {
  status?: OrderView['status'];
  /** true: for any reason; or one reason. */
  attention?: boolean | 'dead_lettered' | 'needs_reconciliation' | 'webhook_failed';
  /** Only placed, unbilled orders holding their checkout and reward. */
  held?: boolean;
  /** Voided by you, or by the proxy when the hold ended unbilled. */
  voidedBy?: 'merchant' | 'hold_expired';
  /** Placed at or after. */
  from?: Date;
  /** Placed before. */
  to?: Date;
  cursor?: string;
  limit?: number;
}

export interface MerchantClient {
  placed(orderId: string, input: PlacedInput, options?: EventOptions): Promise<OrderEventResult>;
  /** `payments` are what was charged: together exactly the order's total (422 `payments_mismatch`). */
  billed(orderId: string, input: { payments: Payment[] }, options?: EventOptions): Promise<OrderEventResult>;
  completed(orderId: string, options?: EventOptions): Promise<OrderEventResult>;
  voided(orderId: string, input?: { reason?: string }, options?: EventOptions): Promise<OrderEventResult>;
  refunded(orderId: string, input?: { reason?: string }, options?: EventOptions): Promise<OrderEventResult>;
  get(orderId: string): Promise<OrderView>;
  /** Your orders, newest first: by status, needing attention, held, voided, or placed between two dates. */
  list(filter?: OrderFilter): Promise<OrderList>;
  /** Has the proxy send a signed `webhook.test` to your webhook URL now; says how it answered. */
  testWebhook(): Promise<WebhookTestResult>;
  /** Moves a placed, unbilled order's hold later (the card authorisation was extended, say). */
  extendHold(orderId: string, holdUntil: Date | string): Promise<OrderView>;
  /** Sends a stopped event again (dead-lettered, or needing reconciliation and not applied at Spendgo). */
  redrive(orderId: string, seq: number): Promise<OrderView>;
  /** Records that Spendgo did apply a stopped event (you checked there): it is not sent again. Give
   * Spendgo's transaction id if you saw it and the order has none yet (a refund sends it). */
  confirm(orderId: string, seq: number, transactionId?: string): Promise<OrderView>;
}

export function createMerchantClient(options: MerchantClientOptions): MerchantClient {
  const base = options.proxyUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  async function send<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    idempotencyKey?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signed = { method, pathAndQuery: path, clientId: options.clientId, idempotencyKey, body: text };
    const headers: Record<string, string> = {
      [CLIENT_HEADER]: options.clientId,
      [SIGNATURE_HEADER]: await signMerchantRequest(options.secret, signed, now()),
      Accept: 'application/json',
      ...extraHeaders,
    };
    if (text) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const res = await doFetch(`${base}${path}`, { method, headers, ...(text && { body: text }) });
    const json = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; retryable: boolean };
      order?: OrderView;
    } | null;
    // A success whose body cannot be read is not a success: the caller does not know what was
    // stored, so it must retry (with the same Idempotency-Key, which makes that safe).
    if (res.ok && (json === null || typeof json !== 'object'))
      throw new MerchantApiError(
        res.status,
        'unreadable_response',
        `The proxy answered HTTP ${res.status} with a body that is not JSON; retry the call.`,
        true,
        undefined,
      );
    if (!res.ok) {
      const error = json?.error;
      throw new MerchantApiError(
        res.status,
        error?.code ?? 'http_error',
        error?.message ?? `HTTP ${res.status}`,
        error?.retryable ?? res.status >= 500,
        json?.order,
      );
    }
    return json as T;
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
    testWebhook: () => send<WebhookTestResult>('POST', '/v1/webhooks/test'),
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
