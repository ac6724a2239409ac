// What any shopper can see before, or without, signing in: signed out, signing in and the
// loading skeleton (the validation status line: checkout-status.ts).

import { html, nothing } from 'lit';
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
