// Fired whenever what the host cart may apply changes: the moment the cart or the reward
// changes (`pending`, no discount), when Spendgo has validated it (with or without a reward),
// when validation failed, and when there is nothing to validate any more (cart emptied, signed
// out). Everything the host cart needs to show and apply the discount, and the checkout id to
// send with the order.

import type { CheckoutRefusalReason, Reward } from '../../../shared/wire-types';

/**
 * - `pending`: being validated; apply no discount until the next event.
 * - `applied`: the reward applies; apply `discount`.
 * - `not-applied`: the chosen reward does not apply (`reason` and `message` say why); no discount.
 * - `none`: validated without a reward, or nothing to validate; no discount.
 * - `error`: validation failed (see `spendgo-error`); no discount.
 */
export type DiscountStatus = 'pending' | 'applied' | 'not-applied' | 'none' | 'error';

export interface DiscountChange {
  status: DiscountStatus;
  /** Send it with the order; null unless validated (`applied`, `not-applied`, `none`). */
  checkoutId: string | null;
  reward: Reward | null;
  /** The validated discount in `currency`; 0 when no reward applies. */
  discount: number;
  currency: string;
  /** Why the chosen reward does not apply, as a stable code: `reward_not_applied` (Spendgo
   * refused it for this order), `reward_not_available` (not held at this store) or `reward_held`
   * (held for another order the member placed). */
  reason: CheckoutRefusalReason | null;
  /** The customer-facing reason in English (Spendgo's words, or the proxy's) when the chosen
   * reward does not apply. */
  message: string | null;
}

export class SpendgoDiscountChangeEvent extends Event {
  static readonly eventName = 'spendgo-discount-change';
  /** `pending` (apply nothing yet), `applied`, `not-applied`, `none` or `error`. */
  declare readonly status: DiscountStatus;
  /** Send it with the order; null while pending, after an error, or with nothing to validate. */
  declare readonly checkoutId: string | null;
  /** The reward chosen (null: none). */
  declare readonly reward: Reward | null;
  /** The validated discount to apply, in `currency`; 0 unless `status` is `applied`. */
  declare readonly discount: number;
  /** ISO 4217 code of `discount`. */
  declare readonly currency: string;
  /** With `not-applied`: why, as a stable code (`reward_not_applied`, `reward_not_available`, `reward_held`). */
  declare readonly reason: CheckoutRefusalReason | null;
  /** With `not-applied`: the reason for the shopper, in English (Spendgo's words, or the proxy's). */
  declare readonly message: string | null;

  constructor(change: DiscountChange) {
    super(SpendgoDiscountChangeEvent.eventName, { bubbles: true, composed: true });
    Object.assign(this, change);
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-discount-change': SpendgoDiscountChangeEvent;
  }
}
