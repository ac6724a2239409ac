// The validation status line, for guests and members: pending, applied, not applicable (with
// Spendgo's reason) or failed (with a retry). Loaded with the engine chunk's request for it:
// there is nothing to show before there is something to check.

import { html, nothing } from 'lit';
import { checkoutText } from '../checkout-messages';
import { formatMoney } from '../localization';
import type { Handlers, View } from '../state';

/** The validation result, announced politely to screen readers; a failed check offers a retry. */
export function checkoutStatus(view: View, on: Handlers) {
  const { status, discount, message } = view.checkout;
  let text: unknown = '';
  let tone = 'neutral';
  if (status === 'validating' && view.selectedId !== null) text = checkoutText.validating();
  if (status === 'valid' && discount > 0)
    text = checkoutText.applied(formatMoney(discount, view.currency, view.locale));
  if (status === 'not-applied') {
    // Spendgo gives its reason as free text, in English. Other languages read their own
    // sentence first, then Spendgo's reason marked as English (so it is read out as such).
    text =
      message === null
        ? checkoutText.notApplied()
        : view.locale === 'en'
          ? message
          : html`${checkoutText.notApplied()} <span lang="en" dir="ltr">${message}</span>`;
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
