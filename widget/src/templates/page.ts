// The element's whole shadow tree for one view: heading, banners, and the body for the phase.
// The signed-in body and the validation status line come in chunks of their own; until they
// are here, the skeleton (or nothing) holds their place.

import { html, nothing } from 'lit';
import { text } from '../i18n';
import { joinOffer, t } from '../messages';
import type { Handlers, View } from '../state';
import type { CheckoutStatusLine } from './checkout-status';
import type { MemberBody } from './member-view';
import { signedOut, signingIn, skeleton } from './states';

/** The parts loaded on demand, once they are here. */
export interface LoadedParts {
  memberBody: MemberBody | undefined;
  statusLine: CheckoutStatusLine | null;
  /** The join form (signed out, once the offer is taken), given the string lookup and the offer. */
  join: ((lookup: typeof text, offer: string) => unknown) | undefined;
}

function joinOfferOrForm(on: Handlers, parts: LoadedParts, offer: string) {
  return parts.join?.(text, offer) ?? html`<button part="button join-button" @click=${on.join}>${offer}</button>`;
}

function body(view: View, on: Handlers, hasCart: boolean, parts: LoadedParts) {
  switch (view.phase) {
    case 'loading':
      return skeleton();
    case 'signing-in':
      return signingIn();
    case 'signed-out':
      // Until its chunk is here, an empty status line holds its place (nothing to say yet).
      // The offer is the core's, so it holds its place from the first paint; the form's chunk
      // comes once it is taken.
      return html`${signedOut(view, on)}
      ${view.join === null ? nothing : joinOfferOrForm(on, parts, joinOffer(view.locale, view.join))}
      ${view.allowGuest && hasCart ? (parts.statusLine?.(view, on) ?? html`<p part="status"></p>`) : nothing}`;
    default:
      return parts.memberBody ? parts.memberBody(view, on) : skeleton();
  }
}

export function page(view: View, on: Handlers, hasCart: boolean, parts: LoadedParts) {
  const busy = view.phase === 'loading' || view.phase === 'signing-in';
  return html`<section part="base" aria-busy=${String(busy)}>
    <slot name="heading"><h2>${t.heading()}</h2></slot>
    ${view.testMode ? html`<p part="banner test-mode">${t.testMode()}</p>` : nothing} ${body(view, on, hasCart, parts)}
  </section>`;
}
