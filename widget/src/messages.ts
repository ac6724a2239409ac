// Every shopper-facing string, with a stable id so translations survive rewording.
// Kept in one place so locales/*.ts can be checked against it.

import { plural, text } from './i18n';

export const t = {
  heading: () => text('heading', 'Rewards'),
  testMode: () => text('test-mode', 'Test mode: no real points or rewards.'),
  signInPrompt: () => text('sign-in-prompt', 'Sign in with Spendgo to see your points and use a reward.'),
  signIn: () => text('sign-in', 'Sign in with Spendgo'),
  signInAgain: () => text('sign-in-again', 'Sign in again'),
  guestNote: () => text('guest-note', 'No account? You can check out as a guest.'),
  signingIn: () => text('signing-in', 'Signing you in…'),
  greeting: (name: string) => text('greeting', 'Hi, {0}', name),
  signedIn: () => text('signed-in', 'You are signed in'),
  signOut: () => text('sign-out', 'Sign out'),
  loading: () => text('loading', 'Loading your rewards…'),
  balancePoints: (count: number, n: string) =>
    plural('balance-points', count, { one: '{0} point', other: '{0} points' }, n),
  balanceVisits: (count: number, n: string) =>
    plural('balance-visits', count, { one: '{0} visit', other: '{0} visits' }, n),
  toNextPoints: (count: number, n: string) =>
    plural(
      'to-next-points',
      count,
      { one: '{0} more point to your next reward', other: '{0} more points to your next reward' },
      n,
    ),
  toNextVisits: (count: number, n: string) =>
    plural(
      'to-next-visits',
      count,
      { one: '{0} more visit to your next reward', other: '{0} more visits to your next reward' },
      n,
    ),
  legend: () => text('legend', 'Choose one reward for this order'),
  noReward: () => text('no-reward', 'No reward'),
  empty: () => text('empty', 'No rewards yet. Keep earning!'),
  expires: (date: string) => text('expires', 'Expires {0}', date),
  amountOff: (amount: string) => text('amount-off', '{0} off', amount),
  percentOff: () => text('percent-off', 'Percent off'),
  freeItem: () => text('free-item', 'Free item'),
  pointsCost: (count: number, n: string) =>
    plural('points-cost', count, { one: 'Uses {0} point', other: 'Uses {0} points' }, n),
  amountToUse: () => text('amount-to-use', 'Amount to use'),
  amountMax: (amount: string) => text('amount-max', 'Up to {0}', amount),
  validating: () => text('validating', 'Checking your reward…'),
  applied: (amount: string) => text('applied', '{0} off applied', amount),
  notApplied: () => text('not-applied', 'This reward can’t be used with this order.'),
  error: () => text('error', 'Something went wrong.'),
  networkError: () => text('network-error', 'We can’t reach the rewards service right now.'),
  unavailableHere: () => text('unavailable-here', 'Rewards aren’t available on this page yet.'),
  signInCancelled: () => text('sign-in-cancelled', 'Sign-in was cancelled.'),
  signInFailed: () => text('sign-in-failed', 'Signing in didn’t work. Please try again.'),
  retry: () => text('retry', 'Try again'),
  offline: (age: string) => text('offline', 'You’re offline. Showing your rewards from {0}.', age),
  validityPending: () => text('validity-pending', 'Your reward is still being checked.'),
  validityInvalid: () => text('validity-invalid', 'The chosen reward can’t be applied to this order.'),
  validityUnchecked: () => text('validity-unchecked', 'We couldn’t check your reward. Try again, or choose No reward.'),
};

/** The widget's own words for an error code it knows; otherwise the caller keeps the proxy's message. */
export function messageFor(code: string): string | undefined {
  if (code === 'network_error') return t.networkError();
  if (code === 'origin_not_allowed') return t.unavailableHere();
  return undefined;
}
