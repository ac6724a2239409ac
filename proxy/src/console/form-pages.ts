// The console's form pages: signing in with a client's merchant credentials, confirming one
// action on one order (what it does, its fields, the button that sends it), and the page for a
// request the console cannot serve (a session that ended, a form from elsewhere).

import { html } from 'hono/html';
import type { OrderView } from '../../../shared/wire';
import { actionText, holdChoices, type ActionName } from './actions';
import { page, when, type Html, type Operator } from './layout';

/** A console page to return to after signing in (never another site's address). */
export const safeNext = (next: string | undefined): string =>
  next !== undefined && /^\/console(\/[A-Za-z0-9_/-]*)?(\?[A-Za-z0-9_=&%.-]*)?$/.test(next) ? next : '/console';

export function signInPage(options: { nonce: string; problem?: string; clientId?: string; next?: string }): Html {
  const { nonce, problem, clientId } = options;
  const next = safeNext(options.next);
  const body = html`<div class="card">
    <h1>Sign in to operations</h1>
    <p>
      Use the client id and merchant secret your backend signs its calls with. The session lasts 30 minutes. For local
      use: a deployed console signs operators in with Cloudflare Access.
    </p>
    ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
    <form method="post" action="/console/sign-in">
      <input type="hidden" name="next" value="${next}" />
      <label>Client id <input name="client_id" autocomplete="username" required value="${clientId ?? ''}" /></label>
      <label>Merchant secret <input name="secret" type="password" autocomplete="current-password" required /></label>
      <button type="submit">Sign in</button>
    </form>
  </div>`;
  return page({ title: 'Sign in', nonce, body });
}

function fields(action: ActionName, order: OrderView, now: number): Html | string {
  switch (action) {
    case 'confirm':
      return html`<label
        >Spendgo transaction id, if you saw it at Spendgo (optional)
        <input name="transaction_id" maxlength="64" pattern="[A-Za-z0-9_\\-]*" />
      </label>`;
    case 'extend-hold': {
      const choices = holdChoices(order, now);
      if (choices.length === 0)
        return html`<p class="problem">The hold cannot go further: it would end more than 30 days from now.</p>`;
      return html`<fieldset>
        <legend>Hold until (now ${when(order.hold_until)})</legend>
        ${choices.map(
          (c, i) =>
            html`<label
              ><input type="radio" name="hold_until" value="${c.until}" ${i === 0 ? 'checked' : ''} required />
              ${when(c.until)} (${c.label} more)</label
            >`,
        )}
      </fieldset>`;
    }
    case 'void':
      return html`<label
        >Reason, for Spendgo and your records (optional)
        <input name="reason" maxlength="500" placeholder="Voided from the operations console." />
      </label>`;
    case 'refund':
      return html`<label
        >Reason, for Spendgo and your records (optional)
        <input name="reason" maxlength="500" placeholder="Refunded from the operations console." />
      </label>`;
    case 'redrive':
      return '';
  }
}

export function confirmPage(options: {
  nonce: string;
  operator: Operator;
  order: OrderView;
  action: ActionName;
  seq?: number | undefined;
  now: number;
  problem?: string | undefined;
}): Html {
  const { nonce, operator, order, action, seq, now, problem } = options;
  const text = actionText(action, order, seq);
  const back = `/console/orders/${order.order_id}`;
  const blocked = action === 'extend-hold' && holdChoices(order, now).length === 0;
  const body = html`<div class="card">
    <h1>${text.title}?</h1>
    <p>${text.explanation}</p>
    ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
    <form method="post" action="${back}/${action}">
      <input type="hidden" name="csrf" value="${operator.csrf}" />
      ${seq === undefined ? '' : html`<input type="hidden" name="seq" value="${seq}" />`} ${fields(action, order, now)}
      <div class="actions">
        ${blocked ? '' : html`<button class="${action === 'void' || action === 'refund' ? 'danger' : ''}" type="submit">${text.button}</button>`}
        <a class="button quiet" href="${back}">Cancel</a>
      </div>
    </form>
  </div>`;
  return page({ title: text.title, nonce, operator, body });
}

export function problemPage(options: { nonce: string; title: string; message: string; operator?: Operator }): Html {
  const { nonce, title, message, operator } = options;
  const body = html`<div class="card">
    <h1>${title}</h1>
    <p role="alert">${message}</p>
    <p><a href="${operator ? '/console' : '/console/sign-in'}">${operator ? 'Back to the orders' : 'Sign in'}</a></p>
  </div>`;
  return page({ title, nonce, ...(operator && { operator }), body });
}
