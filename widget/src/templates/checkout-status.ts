// The validation status line, for guests and members: pending, applied, not applicable (worded
// by its reason code, with Spendgo's own words where they say more) or failed (with a retry).
// Loaded with the engine chunk's request for it: there is nothing to show before there is
// something to check.

import { html, nothing } from 'lit';
import { checkoutText } from '../checkout-messages';
import { formatMoney } from '../localization';
import type { Handlers, View } from '../state';

/** The validation result, announced politely to screen readers; a failed check offers a retry. */
export function checkoutStatus(view: View, on: Handlers) {
  const { status, discount } = view.checkout;
  let text: unknown = '';
  let tone = 'neutral';
  if (status === 'validating' && view.selectedId !== null) text = checkoutText.validating();
  if (status === 'valid' && discount > 0)
    text = checkoutText.applied(formatMoney(discount, view.currency, view.locale));
  if (status === 'not-applied') {
    text = notAppliedText(view);
    tone = 'bad';
  }
  if (status === 'error') {
    text = view.error ?? checkoutText.error();
    tone = 'bad';
  }
  return html`<p part="status" role="status" data-tone=${tone}>${text}</p>
    ${
      status === 'error'
        ? html`<div class="row">
            <button part="button retry-button" @click=${on.retry}>${checkoutText.retry()}</button>
          </div>`
        : nothing
    }`;
}

export type CheckoutStatusLine = typeof checkoutStatus;

/** Spendgo's documented refusal (its error table: code 400), which says no more than the code. */
const SPENDGO_GENERIC_REFUSAL = /^reward could not be applied\.?(\s+please use a valid reward\.?)?$/i;

/**
 * Why the reward does not apply. The proxy's own reasons are the widget's own sentences, in the
 * shopper's language. Spendgo's refusal is free English text that may say what the code cannot
 * ("Spend at least $10"): other languages read their own sentence, then Spendgo's words marked
 * as English (so they are read out as such), unless those words are only its generic refusal.
 */
function notAppliedText(view: View): unknown {
  const { reason, message } = view.checkout;
  if (reason === 'reward_not_available') return checkoutText.notAvailable();
  if (reason === 'reward_held') return checkoutText.held();
  if (message === null || SPENDGO_GENERIC_REFUSAL.test(message.trim())) return checkoutText.notApplied();
  if (view.locale === 'en') return message;
  return html`${checkoutText.notApplied()} <span lang="en" dir="ltr">${message}</span>`;
}
