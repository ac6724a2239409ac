// The element's whole shadow tree for one view: heading, banners, and the body for the phase.
// The signed-in body and the validation status line come in chunks of their own; until they
// are here, the skeleton (or nothing) holds their place.

import { html, nothing } from 'lit';
import { text } from '../i18n';
import { t } from '../messages';
import type { Handlers, View } from '../state';
import type { CheckoutStatusLine } from './checkout-status';
import type { MemberBody } from './member-view';
import { signedOut, signingIn, skeleton } from './states';

/** The parts loaded on demand, once they are here. */
export interface LoadedParts {
  memberBody: MemberBody | undefined;
  statusLine: CheckoutStatusLine | null;
  /** The join offer and form (signed out, where the page offers joining), given the string lookup. */
  join: ((view: View, lookup: typeof text) => unknown) | undefined;
}

function body(view: View, on: Handlers, hasCart: boolean, parts: LoadedParts) {
  switch (view.phase) {
    case 'loading':
      return skeleton();
    case 'signing-in':
      return signingIn();
    case 'signed-out':
      // Until its chunk is here, an empty status line holds its place (nothing to say yet).
      return html`${signedOut(view, on)} ${parts.join?.(view, text)}
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
