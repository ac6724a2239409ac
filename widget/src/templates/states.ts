// The other things a shopper can see: signed out, signing in, loading skeleton, empty, error
// with retry, offline with the data's age, and the validation status line.

import { html, nothing } from 'lit';
import { formatAge, formatMoney } from '../localization';
import { t } from '../messages';
import type { Handlers, View } from './view';

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

export function empty() {
  return html`<p part="empty"><slot name="empty">${t.empty()}</slot></p>`;
}

export function failure(view: View, on: Handlers) {
  return html`<div class="row" part="error">
    <p>${view.error ?? t.error()}</p>
    <button part="button retry-button" @click=${on.retry}>${t.retry()}</button>
  </div>`;
}

export function offlineBanner(view: View) {
  if (view.phase !== 'offline' || view.fetchedAt === null) return nothing;
  return html`<p part="banner offline">${t.offline(formatAge(view.fetchedAt, view.now, view.locale))}</p>`;
}

/** The validation result, announced politely to screen readers. */
export function checkoutStatus(view: View) {
  const { status, discount, message } = view.checkout;
  let text = '';
  let tone = 'neutral';
  if (status === 'validating' && view.selectedId !== null) text = t.validating();
  if (status === 'valid' && discount > 0) text = t.applied(formatMoney(discount, view.currency, view.locale));
  if (status === 'not-applied') {
    text = message ?? t.notApplied();
    tone = 'bad';
  }
  if (status === 'error') {
    text = view.error ?? t.error();
    tone = 'bad';
  }
  return html`<p part="status" role="status" data-tone=${tone}>${text}</p>`;
}
