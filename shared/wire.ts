// The proxy's public wire format: request and response schemas shared by the proxy (which
// validates with them and generates /openapi.json from them), the widget and the demo.
// Browser code imports only the types (`import type`), so zod never reaches its bundle.

import { z } from 'zod';

/** Dollar amounts as decimals, at most 10 million, rounded to cents on the proxy side. */
const money = z.number().min(0).max(10_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const errorCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    retryable: z.boolean(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const programTypes = ['points', 'visits', 'points_banking', 'shop_with_points'] as const;
export type ProgramType = (typeof programTypes)[number];

export const rewardKinds = ['amount_off', 'percent_off', 'free_item'] as const;
export type RewardKind = (typeof rewardKinds)[number];

export const rewardSchema = z.object({
  /** Spendgo's reward id; null in balance listings, where Spendgo gives none. */
  id: z.string().nullable(),
  kind: z.enum(rewardKinds),
  label: z.string(),
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

export const cartModifierSchema: z.ZodType<CartModifier> = z.lazy(() =>
  z.strictObject({
    label: text(200),
    unit_cost: z.number().min(-100_000).max(100_000),
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

export const checkoutRequestSchema = z.strictObject({
  store: storeCodeSchema,
  source: z.enum(['web', 'mobileweb', 'mobileapp', 'instore']).default('web'),
  items: z.array(cartItemSchema).min(1).max(200),
  subtotal: money,
  tax: money.optional(),
  tip: money.optional(),
  delivery: money.optional(),
  total: money.optional(),
  /** At most one reward per order. `amount` lets a member use part of a P_ reward. */
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

export const checkoutResponseSchema = z.object({
  checkout_id: z.string(),
  discount: z.number(),
  reward_applied: z.boolean(),
  /** Spendgo's customer-facing reason when the reward does not apply. */
  message: z.string().nullable(),
  currency: z.string(),
  expires_at: z.string(),
});
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;
