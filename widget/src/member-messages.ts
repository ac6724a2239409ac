// The strings only a signed-in member sees (greeting, balance, progress, rewards, why the form
// holds on the chosen reward), with stable ids like messages.ts; they load with the member's
// chunk, not with the script tag.

import { text } from './i18n';
import { plural } from './plural';

export const memberText = {
  greeting: (name: string) => text('greeting', 'Hi, {0}', name),
  signedIn: () => text('signed-in', 'You are signed in'),
  signOut: () => text('sign-out', 'Sign out'),
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
  free: () => text('free', 'Free'),
  worth: (amount: string) => text('worth', 'Worth {0}', amount),
  pointsCost: (count: number, n: string) =>
    plural('points-cost', count, { one: 'Uses {0} point', other: 'Uses {0} points' }, n),
  heldFor: (date: string) => text('held', 'Held for your order of {0}', date),
  amountToUse: () => text('amount-to-use', 'Amount to use'),
  amountMax: (amount: string) => text('amount-max', 'Up to {0}', amount),
  offline: (age: string) => text('offline', 'You’re offline. Showing your rewards from {0}.', age),
  validityPending: () => text('validity-pending', 'Your reward is still being checked.'),
  validityInvalid: () => text('validity-invalid', 'The chosen reward can’t be applied to this order.'),
  validityUnchecked: () => text('validity-unchecked', 'We couldn’t check your reward. Try again, or choose No reward.'),
};
