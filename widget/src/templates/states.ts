// What any shopper can see before, or without, signing in: signed out, signing in, the loading
// skeleton, and the validation status line (guests have one too).

import { html, nothing } from 'lit';
import { formatMoney } from '../localization';
import { t } from '../messages';
import type { Handlers, View } from '../state';

/** Signed out; after a sign-in that did not finish, its reason and "Sign in again" (focused). */
export function signedOut(view: View, on: Handlers) {
  const again = view.signInProblem !== null;
  const parts = again ? 'button sign-in-button retry-button' : 'button sign-in-button';
  const label = again ? t.signInAgain() : t.signIn();
  return html`${again ? html`<p part="error" role="alert">${view.signInProblem}</p>` : html`<p>${t.signInPrompt()}</p>`}
    <div class="row"><button part=${parts} @click=${on.signIn}>${label}</button></div>
    ${view.allowGuest ? html`<p class="muted">${t.guestNote()}</p>` : nothing}`;
}

export function signingIn() {
  return html`<p part="status">${t.signingIn()}</p>`;
}

export function skeleton() {
  return html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
    <p class="visually-hidden">${t.loading()}</p>`;
}

/** The validation result, announced politely to screen readers; a failed check offers a retry. */
export function checkoutStatus(view: View, on: Handlers) {
  const { status, discount, message } = view.checkout;
  let text: unknown = '';
  let tone = 'neutral';
  if (status === 'validating' && view.selectedId !== null) text = t.validating();
  if (status === 'valid' && discount > 0) text = t.applied(formatMoney(discount, view.currency, view.locale));
  if (status === 'not-applied') {
    // Spendgo gives its reason as free text, in English. Other languages read their own
    // sentence first, then Spendgo's reason marked as English (so it is read out as such).
    text =
      message === null
        ? t.notApplied()
        : view.locale === 'en'
          ? message
          : html`${t.notApplied()} <span lang="en" dir="ltr">${message}</span>`;
    tone = 'bad';
  }
  if (status === 'error') {
    text = view.error ?? t.error();
    tone = 'bad';
  }
  return html`<p part="status" role="status" data-tone=${tone}>${text}</p>
    ${
      status === 'error'
        ? html`<div class="row"><button part="button retry-button" @click=${on.retry}>${t.retry()}</button></div>`
        : nothing
    }`;
}
