// The merchant client's shapes: its options, what each call takes, and what it answers (the
// proxy's wire types, each with the request id). camelCase on the way in; answers are the
// proxy's JSON as documented in its OpenAPI document.

import type {
  CartItem,
  OrderEventResult,
  OrderList,
  OrderView,
  Payment,
  WebhookTestResult,
} from '../shared/wire-types';
import type { RetryPolicy } from './retry.ts';

/** Every answer carries the proxy's X-Request-Id (its log line has the same); null when none came. */
export type WithRequestId<T> = T & { requestId: string | null };

export interface MerchantClientOptions {
  /** The proxy's base URL, e.g. https://loyalty.example.com */
  proxyUrl: string;
  clientId: string;
  /** The client's merchant secret (WIDGET_CLIENT_SECRETS); keep it on the server. */
  secret: string;
  fetch?: typeof fetch;
  /** Each attempt's timeout (ms; default 30 000). */
  timeoutMs?: number;
  /** Retries of retryable failures (default: 3 attempts in all, from 250 ms, full jitter). */
  retries?: Partial<RetryPolicy>;
  /** The person on whose behalf this client acts (an operations tool's signed-in user): sent as
   * `Spendgo-Operator` and recorded in each changed order's `audit`. Omit it for a backend. */
  operator?: string;
  /** Seconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Waits between attempts; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
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
  placed(orderId: string, input: PlacedInput, options?: EventOptions): Promise<WithRequestId<OrderEventResult>>;
  /** `payments` are what was charged: together exactly the order's total (422 `payments_mismatch`). */
  billed(
    orderId: string,
    input: { payments: Payment[] },
    options?: EventOptions,
  ): Promise<WithRequestId<OrderEventResult>>;
  completed(orderId: string, options?: EventOptions): Promise<WithRequestId<OrderEventResult>>;
  voided(
    orderId: string,
    input?: { reason?: string },
    options?: EventOptions,
  ): Promise<WithRequestId<OrderEventResult>>;
  refunded(
    orderId: string,
    input?: { reason?: string },
    options?: EventOptions,
  ): Promise<WithRequestId<OrderEventResult>>;
  get(orderId: string): Promise<WithRequestId<OrderView>>;
  /** Your orders, newest first: by status, needing attention, held, voided, or placed between two dates. */
  list(filter?: OrderFilter): Promise<WithRequestId<OrderList>>;
  /** Has the proxy send a signed `webhook.test` to your webhook URL now; says how it answered. */
  testWebhook(): Promise<WithRequestId<WebhookTestResult>>;
  /** Moves a placed, unbilled order's hold later (the card authorisation was extended, say). */
  extendHold(orderId: string, holdUntil: Date | string): Promise<WithRequestId<OrderView>>;
  /** Sends a stopped event again (dead-lettered, or needing reconciliation and not applied at Spendgo). */
  redrive(orderId: string, seq: number): Promise<WithRequestId<OrderView>>;
  /** Records that Spendgo did apply a stopped event (you checked there): it is not sent again. Give
   * Spendgo's transaction id if you saw it and the order has none yet (a refund sends it). */
  confirm(orderId: string, seq: number, transactionId?: string): Promise<WithRequestId<OrderView>>;
}
