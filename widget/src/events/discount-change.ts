// Fired when Spendgo has validated the cart (with or without a reward): everything the host cart
// needs to show and apply the discount, and the checkout id to send with the order.

import type { Reward } from '../../../shared/wire';

export interface DiscountChange {
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
  readonly checkoutId: string | null;
  readonly reward: Reward | null;
  readonly discount: number;
  readonly currency: string;
  readonly message: string | null;

  constructor(change: DiscountChange) {
    super(SpendgoDiscountChangeEvent.eventName, { bubbles: true, composed: true });
    this.checkoutId = change.checkoutId;
    this.reward = change.reward;
    this.discount = change.discount;
    this.currency = change.currency;
    this.message = change.message;
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-discount-change': SpendgoDiscountChangeEvent;
  }
}
