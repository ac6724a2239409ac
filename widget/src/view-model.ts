// Pure decisions the element makes from its state: which phase to show, what to send to
// checkout, what the host cart is told, which custom states apply, and what the form sees.
// No DOM, no I/O.

import type { CheckoutRequest, CheckoutResponse, Reward } from '../../shared/wire';
import type { DiscountChange, DiscountStatus } from './events/discount-change';
import type { AuthStatus } from './controllers/auth-controller';
import type { CheckoutStatus } from './controllers/checkout-controller';
import type { LoyaltyStatus } from './controllers/loyalty-controller';
import type { Phase } from './templates/view';

/** The cart the host page sets on the element: the checkout request's cart fields, as the proxy
 * validates them (docs/widget-api.md lists the rules). */
export type SpendgoCart = Pick<CheckoutRequest, 'items' | 'subtotal' | 'tax' | 'tip' | 'delivery' | 'total'>;

export function phaseOf(configured: boolean, auth: AuthStatus, loyalty: LoyaltyStatus, hasData: boolean): Phase {
  if (!configured) return 'unconfigured';
  switch (auth) {
    case 'unknown':
      return 'loading';
    case 'signing-in':
      return 'signing-in';
    case 'signed-out':
      return 'signed-out';
    case 'signed-in':
      if (loyalty === 'offline') return 'offline';
      if (loyalty === 'error' && !hasData) return 'error';
      return hasData ? 'ready' : 'loading';
  }
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

/** The element's custom states (`:state(...)`), on or off. */
export function customStates(
  phase: Phase,
  auth: AuthStatus,
  checkout: CheckoutStatus,
  discount: number,
): Record<string, boolean> {
  return {
    'signed-in': auth === 'signed-in',
    'signed-out': auth === 'signed-out',
    loading: phase === 'loading' || checkout === 'validating',
    'reward-applied': checkout === 'valid' && discount > 0,
    error: phase === 'error' || checkout === 'error',
    offline: phase === 'offline',
  };
}

export interface FormState {
  value: string | null;
  /** With a reward chosen: `pending` while it is checked, `invalid` when it does not apply,
   * `unchecked` when checking it failed. */
  validity: 'pending' | 'invalid' | 'unchecked' | 'valid';
}

/** The form value (the checkout id while it stands) and whether the form may be submitted. */
export function formState(checkout: CheckoutStatus, rewardChosen: boolean, checkoutId: string | null): FormState {
  const validity = !rewardChosen
    ? 'valid'
    : checkout === 'validating'
      ? 'pending'
      : checkout === 'not-applied'
        ? 'invalid'
        : checkout === 'error'
          ? 'unchecked'
          : 'valid';
  // Only a standing answer is submitted, never one being replaced or one that failed.
  const stands = checkout === 'valid' || checkout === 'not-applied';
  return { value: stands ? checkoutId : null, validity };
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
    message: status === 'not-applied' ? (result?.message ?? null) : null,
  };
}
