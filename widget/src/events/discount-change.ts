// Fired whenever what the host cart may apply changes: the moment the cart or the reward
// changes (`pending`, no discount), when Spendgo has validated it (with or without a reward),
// when validation failed, and when there is nothing to validate any more (cart emptied, signed
// out). Everything the host cart needs to show and apply the discount, and the checkout id to
// send with the order.

import type { Reward } from '../../../shared/wire';

/**
 * - `pending`: being validated; apply no discount until the next event.
 * - `applied`: the reward applies; apply `discount`.
 * - `not-applied`: the chosen reward does not apply (`message` says why); no discount.
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
  /** Spendgo's customer-facing reason when the chosen reward does not apply. */
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
  /** With `not-applied`: Spendgo's reason for the shopper. */
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
