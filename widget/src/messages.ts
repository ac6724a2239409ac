// Every shopper-facing string, with a stable id so translations survive rewording.
// Kept in one place so locales/*.ts can be checked against it.

import { msg, str } from '@lit/localize';

export const t = {
  heading: () => msg('Rewards', { id: 'heading' }),
  testMode: () => msg('Test mode: no real points or rewards.', { id: 'test-mode' }),
  signInPrompt: () => msg('Sign in with Spendgo to see your points and use a reward.', { id: 'sign-in-prompt' }),
  signIn: () => msg('Sign in with Spendgo', { id: 'sign-in' }),
  signInAgain: () => msg('Sign in again', { id: 'sign-in-again' }),
  guestNote: () => msg('No account? You can check out as a guest.', { id: 'guest-note' }),
  signingIn: () => msg('Signing you in…', { id: 'signing-in' }),
  greeting: (name: string) => msg(str`Hi, ${name}`, { id: 'greeting' }),
  signedIn: () => msg('You are signed in', { id: 'signed-in' }),
  signOut: () => msg('Sign out', { id: 'sign-out' }),
  loading: () => msg('Loading your rewards…', { id: 'loading' }),
  balancePoints: (n: string) => msg(str`${n} points`, { id: 'balance-points' }),
  balanceVisits: (n: string) => msg(str`${n} visits`, { id: 'balance-visits' }),
  toNextPoints: (n: string) => msg(str`${n} more points to your next reward`, { id: 'to-next-points' }),
  toNextVisits: (n: string) => msg(str`${n} more visits to your next reward`, { id: 'to-next-visits' }),
  legend: () => msg('Choose one reward for this order', { id: 'legend' }),
  noReward: () => msg('No reward', { id: 'no-reward' }),
  empty: () => msg('No rewards yet. Keep earning!', { id: 'empty' }),
  expires: (date: string) => msg(str`Expires ${date}`, { id: 'expires' }),
  amountOff: (amount: string) => msg(str`${amount} off`, { id: 'amount-off' }),
  percentOff: () => msg('Percent off', { id: 'percent-off' }),
  freeItem: () => msg('Free item', { id: 'free-item' }),
  pointsCost: (n: string) => msg(str`Uses ${n} points`, { id: 'points-cost' }),
  amountToUse: () => msg('Amount to use', { id: 'amount-to-use' }),
  validating: () => msg('Checking your reward…', { id: 'validating' }),
  applied: (amount: string) => msg(str`${amount} off applied`, { id: 'applied' }),
  notApplied: () => msg('This reward can’t be used with this order.', { id: 'not-applied' }),
  error: () => msg('Something went wrong.', { id: 'error' }),
  networkError: () => msg('We can’t reach the rewards service right now.', { id: 'network-error' }),
  signInCancelled: () => msg('Sign-in was cancelled.', { id: 'sign-in-cancelled' }),
  signInFailed: () => msg('Signing in didn’t work. Please try again.', { id: 'sign-in-failed' }),
  retry: () => msg('Try again', { id: 'retry' }),
  offline: (age: string) => msg(str`You’re offline. Showing your rewards from ${age}.`, { id: 'offline' }),
  validityPending: () => msg('Your reward is still being checked.', { id: 'validity-pending' }),
  validityInvalid: () => msg('The chosen reward can’t be applied to this order.', { id: 'validity-invalid' }),
  validityUnchecked: () =>
    msg('We couldn’t check your reward. Try again, or choose No reward.', { id: 'validity-unchecked' }),
};
