// What a checkout tells the shopper about the reward they chose: the discount that stands,
// whether the reward applied, and, when it did not, why, as a stable reason code the widget
// words in the shopper's language, with the customer-facing English text beside it. Pure.

import type { CheckoutRefusalReason } from '../../../shared/wire';
import { err, ok, type Result } from '../../../shared/result';
import type { SpendgoFailure } from '../spendgo/client';
import type { SpendgoTransaction } from '../spendgo/wire';
import { cents } from './cart';

/** The reward as the proxy asked Spendgo for it, or why it did not ask with it. */
export type RequestedReward = { id: string; discount: number; copies: number } | 'not_listed' | 'held' | null;

export interface Verdict {
  discount: number;
  applied: boolean;
  reason: CheckoutRefusalReason | null;
  message: string | null;
}

const NOT_LISTED = 'This reward is not available for this order at this store.';
const HELD = 'This reward is held for another order you placed.';
const NOT_APPLIED = 'This reward cannot be used with this order.';

/**
 * A refusal of Spendgo's (its `message` at 200, or a 4xx, which docs/spendgo-api.md A7 reads as
 * "not applied") is `reward_not_applied` with Spendgo's words; one the proxy found before asking
 * is `reward_not_available` or `reward_held`, with its own. A discount stands only when Spendgo
 * gave one without a refusal, and never above the subtotal. Any other failure is Spendgo's, and
 * the checkout fails.
 */
export function checkoutVerdict(
  requested: RequestedReward,
  answer: Result<SpendgoTransaction, SpendgoFailure>,
  subtotal: number,
): Result<Verdict, SpendgoFailure> {
  const reward = typeof requested === 'string' ? null : requested;
  const refused = (reason: CheckoutRefusalReason, message: string | null): Result<Verdict, SpendgoFailure> =>
    ok({ discount: 0, applied: false, reason, message });
  if (!answer.ok) {
    if (answer.error.kind === 'rejected' && reward)
      return refused('reward_not_applied', answer.error.details || NOT_APPLIED);
    return err(answer.error);
  }
  // The cart is still validated, so the checkout can back an order without the reward.
  if (requested === 'not_listed') return refused('reward_not_available', NOT_LISTED);
  if (requested === 'held') return refused('reward_held', HELD);
  if (!reward) return ok({ discount: 0, applied: false, reason: null, message: answer.value.message });
  const discount = cents(Math.max(0, Math.min(answer.value.discount, subtotal)));
  if (discount > 0 && answer.value.message === null)
    return ok({ discount, applied: true, reason: null, message: null });
  return refused('reward_not_applied', answer.value.message);
}
