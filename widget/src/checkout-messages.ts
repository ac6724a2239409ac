// The strings of the validation status line and of a failed request's retry, with stable ids
// like messages.ts: a shopper sees them only once there is something to check, so they load
// with the status line (templates/checkout-status.ts), not with the script tag.

import { text } from './i18n';

export const checkoutText = {
  validating: () => text('validating', 'Checking your reward…'),
  applied: (amount: string) => text('applied', '{0} off applied', amount),
  notApplied: () => text('not-applied', 'This reward can’t be used with this order.'),
  notAvailable: () => text('not-available', 'This reward isn’t available for this order at this store.'),
  held: () => text('reward-held', 'This reward is held for another order you placed.'),
  error: () => text('error', 'Something went wrong.'),
  retry: () => text('retry', 'Try again'),
};
