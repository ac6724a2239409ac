// What only a signed-in member sees: greeting, balance and progress toward the next reward,
// the empty state, the load error with its retry, and the offline banner with the data's age.

import { html, nothing } from 'lit';
import { formatAge, formatNumber } from '../member-format';
import { nextTier } from '../member-model';
import { checkoutText } from '../checkout-messages';
import { memberText } from '../member-messages';
import type { Handlers, View } from '../state';

export function memberHeader(view: View, on: Handlers) {
  return html`<div class="row">
    <p part="greeting">${view.givenName ? memberText.greeting(view.givenName) : memberText.signedIn()}</p>
    <button part="button sign-out-button" @click=${on.signOut}>${memberText.signOut()}</button>
  </div>`;
}

const toNext = (visits: boolean, left: number, remaining: string) =>
  visits ? memberText.toNextVisits(left, remaining) : memberText.toNextPoints(left, remaining);

export function balanceBlock(view: View) {
  const b = view.balance;
  if (!b) return nothing;
  const amount = formatNumber(b.balance, view.locale);
  const visits = b.units === 'visits';
  // Points and visits: the next reward's threshold. Points Banking: the next tier out of reach.
  const tier = nextTier(b);
  const goal = b.threshold ?? tier?.points ?? null;
  const left = goal === null ? null : Math.max(0, goal - b.balance);
  const remaining = left === null ? null : formatNumber(left, view.locale);
  const balance = visits ? memberText.balanceVisits(b.balance, amount) : memberText.balancePoints(b.balance, amount);
  return html`<div part="balance-block">
    <p part="balance">${balance}</p>
    ${
      goal !== null && left !== null && remaining !== null
        ? html`<progress
              part="progress"
              max=${goal}
              .value=${Math.min(b.balance, goal)}
              aria-label=${tier?.label ?? b.label}
            ></progress>
            <p class="muted">${toNext(visits, left, remaining)}</p>`
        : nothing
    }
  </div>`;
}

export function empty() {
  return html`<p part="empty"><slot name="empty">${memberText.empty()}</slot></p>`;
}

export function failure(view: View, on: Handlers) {
  return html`<div class="row" part="error">
    <p role="alert">${view.error ?? checkoutText.error()}</p>
    <button part="button retry-button" @click=${on.retry}>${checkoutText.retry()}</button>
  </div>`;
}

export function offlineBanner(view: View) {
  if (view.phase !== 'offline' || view.fetchedAt === null) return nothing;
  return html`<p part="banner offline">${memberText.offline(formatAge(view.fetchedAt, view.now, view.locale))}</p>`;
}
