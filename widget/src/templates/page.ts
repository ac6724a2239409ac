// The element's whole shadow tree for one view: heading, banners, and the body for the phase.

import { html, nothing } from 'lit';
import { t } from '../messages';
import type { MemberBody } from './member-view';
import { checkoutStatus, signedOut, signingIn, skeleton } from './states';
import type { Handlers, View } from '../state';

function body(view: View, on: Handlers, hasCart: boolean, memberBody: MemberBody | null) {
  switch (view.phase) {
    case 'loading':
      return skeleton();
    case 'signing-in':
      return signingIn();
    case 'signed-out':
      return html`${signedOut(view, on)} ${view.allowGuest && hasCart ? checkoutStatus(view, on) : nothing}`;
    default:
      // The signed-in body comes in its own chunk; until it is here, the skeleton holds its place.
      return memberBody ? memberBody(view, on) : skeleton();
  }
}

/** The whole tree; `memberBody` is the signed-in body once its chunk has loaded. */
export function page(view: View, on: Handlers, hasCart: boolean, memberBody: MemberBody | null) {
  const busy = view.phase === 'loading' || view.phase === 'signing-in';
  return html`<section part="base" aria-busy=${busy ? 'true' : 'false'}>
    <slot name="heading"><h2>${t.heading()}</h2></slot>
    ${view.testMode ? html`<p part="banner test-mode">${t.testMode()}</p>` : nothing}
    ${body(view, on, hasCart, memberBody)}
  </section>`;
}
