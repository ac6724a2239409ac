// The signed-in header: greeting, balance and progress toward the next reward.

import { html, nothing } from 'lit';
import { formatNumber } from '../localization';
import { t } from '../messages';
import type { Handlers, View } from './view';

export function memberHeader(view: View, on: Handlers) {
  return html`<div class="row">
    <p part="greeting">${view.givenName ? t.greeting(view.givenName) : t.signedIn()}</p>
    <button part="button sign-out-button" @click=${on.signOut}>${t.signOut()}</button>
  </div>`;
}

export function balanceBlock(view: View) {
  const b = view.balance;
  if (!b) return nothing;
  const amount = formatNumber(b.balance, view.locale);
  const visits = b.units === 'visits';
  const remaining = b.threshold === null ? null : Math.max(0, b.threshold - b.balance);
  return html`<div part="balance-block">
    <p part="balance">${visits ? t.balanceVisits(amount) : t.balancePoints(amount)}</p>
    ${
      b.threshold !== null && remaining !== null
        ? html`<progress
              part="progress"
              max=${b.threshold}
              .value=${Math.min(b.balance, b.threshold)}
              aria-label=${b.label}
            ></progress>
            <p class="muted">
              ${visits ? t.toNextVisits(formatNumber(remaining, view.locale)) : t.toNextPoints(formatNumber(remaining, view.locale))}
            </p>`
        : nothing
    }
  </div>`;
}
