// The shopper-facing strings any shopper may see (signed out, guest, errors), each with a stable
// id so translations survive rewording. What only a signed-in member sees is in
// member-messages.ts, which comes with the member's chunk. locales/*.ts translate both.

import { text } from './i18n';

export const t = {
  heading: () => text('heading', 'Rewards'),
  testMode: () => text('test-mode', 'Test mode: no real points or rewards.'),
  signInPrompt: () => text('sign-in-prompt', 'Sign in with Spendgo to see your points and use a reward.'),
  signIn: () => text('sign-in', 'Sign in with Spendgo'),
  signInAgain: () => text('sign-in-again', 'Sign in again'),
  guestNote: () => text('guest-note', 'No account? You can check out as a guest.'),
  signingIn: () => text('signing-in', 'Signing you in…'),
  loading: () => text('loading', 'Loading your rewards…'),
  networkError: () => text('network-error', 'We can’t reach the rewards service right now.'),
  unavailableHere: () => text('unavailable-here', 'Rewards aren’t available on this page yet.'),
  signInCancelled: () => text('sign-in-cancelled', 'Sign-in was cancelled.'),
  signInFailed: () => text('sign-in-failed', 'Signing in didn’t work. Please try again.'),
  joinOfferRewards: () => text('join-offer-rewards', 'Join and earn rewards on this order'),
};

/** What this order would earn by joining: `rate` points a dollar of the cart's subtotal,
 * rounded down as Spendgo earns (0 without a rate). */
export const joinPoints = (cart: { subtotal: number } | null, rate: string | null): number =>
  Math.floor((cart?.subtotal ?? 0) * Number(rate)) || 0;

/** The join offer's label in the locale being rendered: "Join and earn N points on this order",
 * or "…earn rewards…" with no count. Each locale's table has a `join-offer-<plural category>`
 * for each of its categories. */
export function joinOffer(locale: string, points: number): string {
  if (!(points > 0)) return t.joinOfferRewards();
  const category = new Intl.PluralRules(locale).select(points);
  return text(
    `join-offer-${category}`,
    category === 'one' ? 'Join and earn {0} point on this order' : 'Join and earn {0} points on this order',
    new Intl.NumberFormat(locale).format(points),
  );
}

/** The widget's own words for an error code it knows; otherwise the caller keeps the proxy's message. */
export function messageFor(code: string): string | undefined {
  if (code === 'network_error') return t.networkError();
  if (code === 'origin_not_allowed') return t.unavailableHere();
  if (code === 'sign_in_cancelled') return t.signInCancelled();
  if (code === 'sign_in_failed') return t.signInFailed();
  return undefined;
}
