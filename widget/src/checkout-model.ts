// Pure decisions about checkout: what there is to validate, the request the proxy receives, and
// what the host cart is told of each answer. No DOM, no I/O; loaded with the engine chunk.

import type { CheckoutRequest, CheckoutResponse, Reward } from '../../shared/wire-types';
import type { DiscountChange, DiscountStatus } from './events/discount-change';
import type { AuthStatus, CheckoutStatus } from './state';
import type { SpendgoCart } from './view-model';

export interface CheckoutAsk {
  cart: SpendgoCart | null;
  store: string | null;
  auth: AuthStatus;
  allowGuest: boolean;
  reward: Reward | null;
  amount: number | null;
}

/** What there is to validate: nothing without a store, an item, and a member or an allowed guest
 * (a guest's cart is checked without a reward). */
export function checkoutToAsk(ask: CheckoutAsk): CheckoutRequest | null {
  const member = ask.auth === 'signed-in';
  const guest = ask.auth === 'signed-out' && ask.allowGuest;
  if (!ask.store || !ask.cart?.items.length || !(member || guest)) return null;
  return checkoutRequest(ask.cart, ask.store, member ? ask.reward : null, ask.amount);
}

/** What POST /v1/checkout receives; a P_ reward carries the amount the member chose to use. */
export function checkoutRequest(
  cart: SpendgoCart,
  store: string,
  reward: Reward | null,
  amount: number | null,
): CheckoutRequest {
  return {
    store,
    items: cart.items,
    subtotal: cart.subtotal,
    ...(cart.tax !== undefined && { tax: cart.tax }),
    ...(cart.tip !== undefined && { tip: cart.tip }),
    ...(cart.delivery !== undefined && { delivery: cart.delivery }),
    ...(cart.total !== undefined && { total: cart.total }),
    ...(reward?.id && {
      reward: { id: reward.id, ...(reward.points_reward && { amount: amount ?? reward.value ?? undefined }) },
    }),
  };
}

/** What the host cart is told for a checkout status: a discount only while one stands. */
export function discountChange(
  status: CheckoutStatus,
  result: CheckoutResponse | null,
  reward: Reward | null,
  currency: string,
): DiscountChange {
  const applied = status === 'valid' && (result?.discount ?? 0) > 0;
  const statuses: Record<CheckoutStatus, DiscountStatus> = {
    idle: 'none',
    validating: 'pending',
    valid: applied ? 'applied' : 'none',
    'not-applied': 'not-applied',
    error: 'error',
  };
  return {
    status: statuses[status],
    checkoutId: result?.checkout_id ?? null,
    reward,
    discount: applied ? (result?.discount ?? 0) : 0,
    currency: result?.currency ?? currency,
    reason: status === 'not-applied' ? (result?.reason ?? null) : null,
    message: status === 'not-applied' ? (result?.message ?? null) : null,
  };
}
