// What Spendgo's API v2.1.1 requires of an order call beyond its field types, checked before the
// order lifecycle runs: a basket with at least one item, a `discount` on every reward, and
// `payments` on every status after checkout ("required for subsequent order states after
// checkout"). Each leniency a real integration might lean on exists only as a named
// compatibility switch (SANDBOX_COMPAT), so the strict sandbox is the default. Pure.

import type { OrderRequest } from './wire';

export const compatSwitches = [
  /** Accept a signature over the path alone when the request has a query (docs/spendgo-api.md A1). */
  'path_only_signature',
  /** Accept a basket reward without its `discount`. */
  'optional_reward_discount',
  /** Accept placed/billed/completed/voided/refunded without `payments`. */
  'optional_payments',
  /** Accept `refunded` right after `billed` (the guides put refund after completion). */
  'refund_before_completion',
  /** Accept a basket with no items. */
  'empty_basket',
] as const;
export type CompatSwitch = (typeof compatSwitches)[number];
export type Compat = ReadonlySet<CompatSwitch>;

/** The first requirement the request misses, as Spendgo-style `details`, or null. */
export function contractProblem(req: OrderRequest, compat: Compat): string | null {
  if (req.basket.posEntries.length === 0 && !compat.has('empty_basket'))
    return 'Invalid request: basket.posEntries: at least one item is required';
  const missing = (req.basket.rewards ?? []).findIndex((r) => r.discount === undefined);
  if (missing >= 0 && !compat.has('optional_reward_discount'))
    return `Invalid request: basket.rewards[${missing}].discount is required`;
  const payments = req.payments === undefined ? [] : Array.isArray(req.payments) ? req.payments : [req.payments];
  if (req.status !== 'checkout' && payments.length === 0 && !compat.has('optional_payments'))
    return `Invalid request: payments are required for ${req.status}`;
  return null;
}
