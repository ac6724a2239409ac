// The proxy's public wire format: request and response schemas shared by the proxy (which
// validates with them and generates /openapi.json from them), the widget and the demo.
// Browser code imports only the types (`import type`), so zod never reaches its bundle.

import * as z from 'zod';

/** Dollar amounts as decimals, at most 10 million, rounded to cents on the proxy side. */
const money = z.number().min(0).max(10_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const errorCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    retryable: z.boolean(),
    /** The same as the X-Request-Id header and the proxy's log line for this request. */
    request_id: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const programTypes = ['points', 'visits', 'points_banking', 'shop_with_points'] as const;
export type ProgramType = (typeof programTypes)[number];

/** `other`: an offer type Spendgo sent that the proxy does not know; `offer` has Spendgo's own word. */
export const rewardKinds = ['amount_off', 'percent_off', 'free_item', 'other'] as const;
export type RewardKind = (typeof rewardKinds)[number];

export const rewardSchema = z.object({
  /** Spendgo's reward id; null in balance listings, where Spendgo gives none. */
  id: z.string().nullable(),
  kind: z.enum(rewardKinds),
  /** Spendgo's offer type as sent, lowercased (`rebate`, `discount`, `gift`, or another). */
  offer: z.string(),
  label: z.string(),
  /** The discount code the POS applies for this reward (Spendgo's `reference.code`), if any. */
  pos_code: z.string().nullable(),
  /** Projected value in the account's currency; the checkout validates the real amount. */
  value: z.number().nullable(),
  quantity: z.number().int(),
  expires_on: z.string().nullable(),
  /** A Points Banking or Shop With Points reward (id `P_…`): the member may use less than its value. */
  points_reward: z.boolean(),
  /** Points a Points Banking tier costs, or the spendable points of Shop With Points. */
  points: z.number().nullable(),
  /** Shop With Points: dollars per point. */
  value_per_point: z.number().nullable(),
  /** Rewards by store only: the copies held for the member's placed, unbilled orders (one entry
   * per copy), so another tab or device does not offer them; each is free again when its order is
   * billed (consumed) or voided (released). */
  held: z.array(z.object({ placed_at: z.string(), until: z.string() })).optional(),
});
export type Reward = z.infer<typeof rewardSchema>;

export const balanceSchema = z.object({
  program: z.enum(programTypes),
  units: z.enum(['points', 'visits', 'stamps']),
  balance: z.number(),
  label: z.string(),
  /** Units needed for the next reward; null for Points Banking and Shop With Points. */
  threshold: z.number().nullable(),
  rewards: z.array(rewardSchema),
});
export type Balance = z.infer<typeof balanceSchema>;

export const rewardsSchema = z.object({
  store: z.string(),
  rewards: z.array(rewardSchema),
});
export type Rewards = z.infer<typeof rewardsSchema>;

export interface CartModifier {
  label: string;
  unit_cost: number;
  quantity: number;
  product_id?: string | undefined;
  modifiers?: CartModifier[] | undefined;
}

export const cartModifierSchema: z.ZodType<CartModifier, CartModifier> = z.lazy(() =>
  z.strictObject({
    label: text(200),
    /** Never negative: a discount comes from a reward (or the merchant's own `discounts`), not from a modifier. */
    unit_cost: z.number().min(0).max(100_000),
    quantity: z.number().int().min(1).max(1000),
    product_id: text(100).optional(),
    modifiers: z.array(cartModifierSchema).max(20).optional(),
  }),
);

export const cartItemSchema = z.strictObject({
  label: text(200),
  unit_cost: money,
  quantity: z.number().int().min(1).max(1000),
  product_id: text(100).optional(),
  categories: z.array(text(100)).max(20).optional(),
  modifiers: z.array(cartModifierSchema).max(20).optional(),
});
export type CartItem = z.infer<typeof cartItemSchema>;

export const storeCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a store code of letters, digits, _ or -');
export const orderSourceSchema = z.enum(['web', 'mobileweb', 'mobileapp', 'instore']);

export const checkoutRequestSchema = z.strictObject({
  store: storeCodeSchema,
  source: orderSourceSchema.default('web'),
  items: z.array(cartItemSchema).min(1).max(200),
  subtotal: money,
  tax: money.optional(),
  tip: money.optional(),
  delivery: money.optional(),
  total: money.optional(),
  /** At most one reward per order. `amount` lets a member use part of a P_ (Points Banking or
   * Shop With Points) reward; it is refused for any other reward. */
  reward: z
    .strictObject({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Spendgo reward id'),
      amount: money.optional(),
    })
    .optional(),
  /** Guests only: the widget's public client id (members are identified by their token). */
  client_id: z.string().max(100).optional(),
});
/** What a storefront sends (defaults may be left out). */
export type CheckoutRequest = z.input<typeof checkoutRequestSchema>;
/** The same after validation, defaults filled in. */
export type CheckoutInput = z.output<typeof checkoutRequestSchema>;

/**
 * Why a chosen reward does not apply: `reward_not_applied` Spendgo refused it for this order
 * (`message` carries its words, when it gave any); `reward_not_available` the member does not
 * hold it at this store; `reward_held` every copy is held for another order the member placed.
 */
export const checkoutRefusalReasonSchema = z.enum(['reward_not_applied', 'reward_not_available', 'reward_held']);
export type CheckoutRefusalReason = z.infer<typeof checkoutRefusalReasonSchema>;

export const checkoutResponseSchema = z.object({
  checkout_id: z.string(),
  discount: z.number(),
  reward_applied: z.boolean(),
  /** Why the chosen reward does not apply, as a stable code; null when it applies or none was chosen. */
  reason: checkoutRefusalReasonSchema.nullable(),
  /** The customer-facing reason in English (Spendgo's words, or the proxy's): a fallback for `reason`. */
  message: z.string().nullable(),
  currency: z.string(),
  expires_at: z.string(),
});
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;

// --- Merchant order lifecycle (server to server) ---

export const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an order id of letters, digits, _ or -');

export const paymentSchema = z.strictObject({
  tender: z.enum(['cash', 'check', 'credit', 'debit', 'prepaid', 'transfer', 'value']),
  issuer: z.enum(['amex', 'diners', 'discover', 'jcb', 'mastercard', 'paypal', 'visa']).optional(),
  suffix: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  amount: money,
});
export type Payment = z.infer<typeof paymentSchema>;

/** Spendgo requires payments on every order call after checkout (API v2.1.1). */
const payments = z.array(paymentSchema).min(1).max(10);

/** A discount of the merchant's own (a coupon, a staff discount): not a Spendgo reward. */
export const merchantDiscountSchema = z.strictObject({ label: text(100), amount: money });

export const orderEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('placed'),
    checkout_id: z.string().regex(/^ck_[0-9a-f]{64}$/, 'a checkout_id from POST /v1/checkout'),
    /** The order as the merchant's backend priced it. Store, source, items and subtotal must be
     * the cart the checkout validated; the page's cart is never used for money. */
    store: storeCodeSchema,
    source: orderSourceSchema.default('web'),
    items: z.array(cartItemSchema).min(1).max(200),
    subtotal: money,
    tax: money.optional(),
    tip: money.optional(),
    delivery: money.optional(),
    /** If given, it must equal subtotal − reward_discount − discounts + tax + tip + delivery. */
    total: money.optional(),
    /** At most the validated discount; lower only for P_ rewards. Defaults to the validated discount. */
    reward_discount: money.optional(),
    /** The merchant's own discounts; Spendgo is told the sum of all discounts. */
    discounts: z.array(merchantDiscountSchema).max(10).optional(),
    /** The intended payment (for an order charged later, the authorisation). */
    payments,
    rendition: z.enum(['onsite', 'pickup', 'delivery']).optional(),
    /** When the guest receives the order: the reservation, pickup or delivery time (ISO 8601).
     * Sent to Spendgo as `wanted`; without hold_until, the hold runs until it plus the client's
     * hold_after_wanted_seconds (within the 30-day cap). */
    wanted: z.iso.datetime({ offset: true }).optional(),
    /** Spendgo's order `type`: regular (the default) or catering. */
    order_type: z.enum(['regular', 'catering']).optional(),
    /** Until when the order holds its checkout and reward without `billed` (ISO 8601, in the
     * future, at most 30 days away); defaults to the client's hold window (7 days). When it
     * ends unbilled, the proxy voids the order by itself. */
    hold_until: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({ type: z.literal('billed'), payments }),
  z.strictObject({ type: z.literal('completed') }),
  z.strictObject({ type: z.literal('voided'), reason: z.string().max(500).optional() }),
  z.strictObject({ type: z.literal('refunded'), reason: z.string().max(500).optional() }),
]);
/** What a merchant backend sends (defaults may be left out). */
export type OrderEventInput = z.input<typeof orderEventSchema>;
export type OrderEvent = z.infer<typeof orderEventSchema>;

/** Body of POST /v1/orders/{order_id}/hold: a placed, unbilled order's hold moved later. */
export const extendHoldSchema = z.strictObject({ hold_until: z.iso.datetime({ offset: true }) });

/** `needs_reconciliation`: Spendgo's answer to a state change was lost and a repeat is not known
 * to be safe; the merchant says whether it was applied (confirm) or not (redrive). */
/** Optional body of POST /v1/orders/{order_id}/events/{seq}/confirm. */
export const confirmEventSchema = z.strictObject({
  /** Spendgo's transaction id for the order, if the merchant read it at Spendgo. */
  transaction_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export const deliveryStates = ['pending', 'delivered', 'dead_lettered', 'needs_reconciliation'] as const;

export const orderEventViewSchema = z.object({
  seq: z.number().int(),
  type: z.enum(['placed', 'billed', 'completed', 'voided', 'refunded']),
  state: z.enum(deliveryStates),
  accepted_at: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  /** Why delivery stopped (dead-lettered, needs reconciliation), or the last retryable failure (pending). */
  last_error: z.string().nullable(),
  /** Spendgo's answer once delivered. */
  spendgo: z.object({ transaction_id: z.string().nullable(), status: z.string(), discount: z.number() }).nullable(),
  /** Spendgo refused it (a 4xx): not applied, so it may be re-driven but never confirmed. */
  refused: z.boolean(),
});
export type OrderEventView = z.infer<typeof orderEventViewSchema>;

/** Why an order needs a person: an event stopped, or a webhook could not be delivered. */
export const attentionReasons = ['dead_lettered', 'needs_reconciliation', 'webhook_failed'] as const;
export const voidedBy = ['merchant', 'hold_expired'] as const;
/** What a person can do to an order by hand (the console, or a tool sending Spendgo-Operator). */
export const auditActions = [
  'placed',
  'billed',
  'completed',
  'voided',
  'refunded',
  'extend-hold',
  'redrive',
  'confirm',
] as const;

export const orderViewSchema = z.object({
  order_id: z.string(),
  status: z.enum(['placed', 'billed', 'completed', 'voided', 'refunded']),
  checkout_id: z.string(),
  store: z.string(),
  guest: z.boolean(),
  reward_id: z.string().nullable(),
  /** The merchant's order, as stated at `placed` and matched against the validated checkout. */
  subtotal: z.number(),
  /** The discount Spendgo validated at checkout. */
  validated_discount: z.number(),
  /** When the guest receives the order (a reservation's time), as sent to Spendgo; null when not given. */
  wanted: z.string().nullable(),
  /** Spendgo's order `type` (regular or catering); null when not given. */
  order_type: z.enum(['regular', 'catering']).nullable(),
  /** The reward discount this order takes (the validated one; lower only for P_ rewards). */
  discount: z.number(),
  /** The sum of the merchant's own discounts stated at placed. */
  merchant_discount: z.number(),
  tax: z.number(),
  tip: z.number(),
  delivery: z.number(),
  /** What the shop should charge: subtotal − discount − merchant_discount + tax + tip + delivery. */
  total: z.number(),
  /** Spendgo's transaction id, once `billed` is delivered. */
  transaction_id: z.string().nullable(),
  /** While the order is placed and unbilled: when its hold ends and the proxy voids it. */
  hold_until: z.string().nullable(),
  /** Who voided the order: the merchant, or the proxy when its hold ended unbilled. */
  voided_by: z.enum(voidedBy).nullable(),
  events: z.array(orderEventViewSchema),
  /** Who changed the order by hand and when, oldest first: each call that named its operator
   * (the Spendgo-Operator header; the console sends the signed-in operator). */
  audit: z.array(
    z.object({
      at: z.string(),
      operator: z.string(),
      action: z.enum(auditActions),
      /** The event acted on (redrive, confirm), else null. */
      seq: z.number().int().nullable(),
    }),
  ),
  /** GET /v1/orders/{order_id} only: the webhooks about this order to the client's URL, and how each went. */
  webhooks: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        state: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.number().int(),
        last_error: z.string().nullable(),
      }),
    )
    .optional(),
});
export type OrderView = z.infer<typeof orderViewSchema>;

/** GET /v1/orders: the client's orders, newest first, filtered. */
export const orderListQuerySchema = z.object({
  status: z.enum(['placed', 'billed', 'completed', 'voided', 'refunded']).optional(),
  /** Only orders a person should look at: `true` for any reason (an event stopped, or a webhook
   * failed), or one reason. */
  attention: z.enum(['true', 'false', ...attentionReasons]).optional(),
  /** `true`: only placed, unbilled orders holding their checkout and reward. */
  held: z.enum(['true', 'false']).optional(),
  /** Only orders voided by the merchant, or by the proxy when their hold ended unbilled. */
  voided_by: z.enum(voidedBy).optional(),
  /** Placed at or after / before (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** The `next_cursor` of the page before. */
  cursor: z
    .string()
    .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const orderListSchema = z.object({
  orders: z.array(
    z.object({
      order_id: z.string(),
      status: z.string(),
      attention: z.enum(attentionReasons).nullable(),
      hold_until: z.string().nullable(),
      voided_by: z.enum(voidedBy).nullable(),
      placed_at: z.string(),
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: z.string().nullable(),
});
export type OrderList = z.infer<typeof orderListSchema>;

/** What POST /v1/orders/{order_id}/events answers (202 accepted, or 200 for an event already accepted). */
export const orderEventResultSchema = z.object({ event: orderEventViewSchema, order: orderViewSchema });
export type OrderEventResult = z.infer<typeof orderEventResultSchema>;

// --- Webhooks (proxy to merchant backend) ---

export const webhookTypes = [
  /** An event reached Spendgo (`data.event` says which). */
  'order.event.delivered',
  /** An event stopped: Spendgo refused it, or attempts ran out; re-drive it once fixed. */
  'order.event.dead_lettered',
  /** A state change's answer was lost: check at Spendgo, then confirm or re-drive. */
  'order.event.needs_reconciliation',
  /** The order's hold ended without billed; the proxy voided it (do not charge it). */
  'order.auto_voided',
  /** Sent by POST /v1/webhooks/test. */
  'webhook.test',
] as const;
export type WebhookType = (typeof webhookTypes)[number];

/** The body of every webhook, signed as shared/webhook-signature.ts says. */
export const webhookEventSchema = z.object({
  /** Stable across retries: drop a delivery whose id you already have. */
  id: z.string(),
  type: z.enum(webhookTypes),
  created_at: z.string(),
  client_id: z.string(),
  data: z.object({
    order: orderViewSchema.nullable(),
    event: orderEventViewSchema.nullable(),
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** What POST /v1/webhooks/test answers: how the registered URL answered a signed test event. */
export const webhookTestResultSchema = z.object({
  delivered: z.boolean(),
  url: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;

// --- Join at checkout (widget → proxy) ---

export const joinRequestSchema = z
  .strictObject({
    client_id: z.string().max(100),
    store: storeCodeSchema,
    /** As the shopper typed it; the proxy keeps the ten digits. */
    phone: z.string().max(25),
    email: z.email().max(254).optional(),
    first_name: text(50).optional(),
    /** Texts from the programme (Spendgo then sends its double opt-in text). */
    sms_opt_in: z.boolean(),
    /** Marketing email from the programme; needs an email. */
    email_opt_in: z.boolean(),
    /** The shopper agreed to the programme's terms. */
    accept_terms: z.literal(true),
  })
  .refine((r) => !r.email_opt_in || r.email !== undefined, {
    message: 'email_opt_in needs an email',
    path: ['email_opt_in'],
  });
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const joinResponseSchema = z.object({
  /** Send it as `join_ticket` on /oauth/authorize (once, within `expires_in` seconds) to be signed in. */
  join_ticket: z.string(),
  expires_in: z.number(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;
