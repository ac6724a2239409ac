// The element's whole shadow tree for one view: heading, banners, and the body for the phase.

import { html, nothing } from 'lit';
import { t } from '../messages';
import { balanceBlock, memberHeader } from './member';
import { rewardList } from './rewards';
import { checkoutStatus, empty, failure, offlineBanner, signedOut, signingIn, skeleton } from './states';
import type { Handlers, View } from './view';

function body(view: View, on: Handlers, hasCart: boolean) {
  switch (view.phase) {
    case 'loading':
      return skeleton();
    case 'signing-in':
      return signingIn();
    case 'signed-out':
      return html`${signedOut(view, on)} ${view.allowGuest && hasCart ? checkoutStatus(view) : nothing}`;
    case 'error':
      return html`${memberHeader(view, on)} ${failure(view, on)}`;
    default:
      return html`${memberHeader(view, on)} ${offlineBanner(view)} ${balanceBlock(view)}
      ${view.rewards.length ? rewardList(view, on) : empty()} ${checkoutStatus(view)}`;
  }
}

export function page(view: View, on: Handlers, hasCart: boolean) {
  const busy = view.phase === 'loading' || view.phase === 'signing-in';
  return html`<section part="base" aria-busy=${busy ? 'true' : 'false'}>
    <slot name="heading"><h2>${t.heading()}</h2></slot>
    ${view.testMode ? html`<p part="banner test-mode">${t.testMode()}</p>` : nothing} ${body(view, on, hasCart)}
  </section>`;
}
