// Pure decisions the element makes from its state: which phase to show, what the page is told
// of the session, which custom states apply, and what the form sees. No DOM, no I/O. What is
// sent to checkout and what the host cart is told: checkout-model.ts.

import type { CheckoutRequest, Reward } from '../../shared/wire-types';
import type { SessionState } from './events/session-change';
import type { AuthStatus, CheckoutStatus, LoyaltyStatus, Phase } from './state';

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

/** What the page is told when the session settles (null while it is still settling). */
export function sessionState(auth: AuthStatus, allowGuest: boolean): SessionState | null {
  if (auth === 'signed-in') return 'signed-in';
  if (auth === 'signed-out') return allowGuest ? 'guest' : 'signed-out';
  return null;
}

/** Whether there is anything to ask the proxy yet (and so to load the engine for): a signed-in
 * member, or a shopper who may check out as a guest and has something in the cart. */
export function needsEngine(auth: AuthStatus, allowGuest: boolean, cartItems: number): boolean {
  return auth === 'signed-in' || (auth === 'signed-out' && allowGuest && cartItems > 0);
}

/** The chosen reward while the member still has it; null once it is gone (redeemed elsewhere). */
export function keptSelection(selectedId: string | null, rewards: readonly Reward[]): string | null {
  return rewards.some((r) => r.id === selectedId) ? selectedId : null;
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
