// The console's page for one order: what it is (status, store, amounts, hold or who voided it),
// its timeline (each lifecycle event: when accepted, how delivery went, Spendgo's answer or why
// it stopped), the webhooks sent about it, and links to the actions it offers; each action opens
// a confirmation page before anything is sent.

import { html } from 'hono/html';
import type { OrderEventView, OrderView } from '../../../shared/wire';
import { actionText, eventActions, orderActions, type ActionName } from './actions';
import { money, page, STATUS_TEXT, when, type Html, type Operator } from './layout';

const actionHref = (order: OrderView, action: ActionName, seq?: number) =>
  `/console/orders/${order.order_id}/${action}${seq === undefined ? '' : `?seq=${seq}`}`;

function actionLinks(order: OrderView, actions: ActionName[], seq?: number): Html | string {
  if (actions.length === 0) return '';
  return html`<div class="actions">
    ${actions.map(
      (a) => html`<a class="button quiet" href="${actionHref(order, a, seq)}">${actionText(a, order, seq).button}…</a>`,
    )}
  </div>`;
}

function spendgoAnswer(e: OrderEventView, currency: string): Html | string {
  if (!e.spendgo) return '';
  const parts = [`status ${e.spendgo.status}`];
  if (e.spendgo.transaction_id) parts.push(`transaction ${e.spendgo.transaction_id}`);
  if (e.spendgo.discount) parts.push(`discount ${money(e.spendgo.discount, currency)}`);
  return html`<p>Spendgo answered: ${parts.join(' · ')}</p>`;
}

function timelineEntry(order: OrderView, e: OrderEventView, currency: string): Html {
  const stopped = e.state === 'dead_lettered' || e.state === 'needs_reconciliation';
  return html`<li>
    <h3>${e.seq}. ${STATUS_TEXT[e.type]} · <span class="${stopped ? 'warn' : ''}">${STATUS_TEXT[e.state]}</span></h3>
    <p class="muted">
      Accepted ${when(e.accepted_at)}${e.delivered_at ? ` · delivered ${when(e.delivered_at)}` : ''} · ${e.attempts}
      ${e.attempts === 1 ? 'attempt' : 'attempts'}${
        e.next_attempt_at ? ` · next attempt ${when(e.next_attempt_at)}` : ''
      }
    </p>
    ${spendgoAnswer(e, currency)}
    ${e.last_error ? html`<p class="${stopped ? 'problem' : 'muted'}">${stopped ? 'Stopped: ' : 'Last failure: '}${e.last_error}</p>` : ''}
    ${actionLinks(order, eventActions(e), e.seq)}
  </li>`;
}

function facts(order: OrderView, currency: string): Html {
  const m = (n: number) => money(n, currency);
  return html`<dl class="facts">
    <dt>Status</dt>
    <dd>${STATUS_TEXT[order.status]}</dd>
    ${
      order.wanted
        ? html`<dt>Wanted for</dt>
            <dd>${when(order.wanted)}${order.order_type === 'catering' ? ' (catering)' : ''}</dd>`
        : ''
    }
    ${
      order.hold_until
        ? html`<dt>Held until</dt>
            <dd>${when(order.hold_until)}</dd>`
        : ''
    }
    ${
      order.voided_by
        ? html`<dt>Voided by</dt>
            <dd>
              ${order.voided_by === 'hold_expired' ? 'the proxy: the hold ended without billed' : 'the merchant'}
            </dd>`
        : ''
    }
    <dt>Store</dt>
    <dd>${order.store}</dd>
    <dt>Member</dt>
    <dd>${order.guest ? 'Guest' : 'Signed-in member'}</dd>
    <dt>Reward</dt>
    <dd>${order.reward_id ?? 'None'}</dd>
    <dt>Subtotal</dt>
    <dd>${m(order.subtotal)}</dd>
    <dt>Reward discount</dt>
    <dd>${m(order.discount)} (validated ${m(order.validated_discount)})</dd>
    ${
      order.merchant_discount
        ? html`<dt>Merchant discounts</dt>
            <dd>${m(order.merchant_discount)}</dd>`
        : ''
    }
    <dt>Tax, tip, delivery</dt>
    <dd>${m(order.tax)}, ${m(order.tip)}, ${m(order.delivery)}</dd>
    <dt>Total</dt>
    <dd>${m(order.total)}</dd>
    <dt>Spendgo transaction</dt>
    <dd>${order.transaction_id ?? '—'}</dd>
    <dt>Checkout</dt>
    <dd><code>${order.checkout_id.slice(0, 16)}…</code></dd>
  </dl>`;
}

function webhookList(order: OrderView): Html {
  const hooks = order.webhooks ?? [];
  if (hooks.length === 0) return html`<p class="muted">None sent (or no webhook URL is registered).</p>`;
  return html`<ul>
    ${hooks.map(
      (w) =>
        html`<li>
          <code>${w.type}</code> · ${STATUS_TEXT[w.state]} after ${w.attempts}
          ${w.attempts === 1 ? 'attempt' : 'attempts'}${w.last_error ? ` · ${w.last_error}` : ''}
        </li>`,
    )}
  </ul>`;
}

const AUDIT_TEXT: Record<OrderView['audit'][number]['action'], string> = {
  placed: 'placed the order',
  billed: 'billed the order',
  completed: 'completed the order',
  voided: 'voided the order',
  refunded: 'refunded the order',
  'extend-hold': 'extended the hold',
  redrive: 'sent an event again',
  confirm: 'confirmed an event as applied',
};

/** Who changed the order by hand (the console's operators, or a merchant tool's). */
function auditList(order: OrderView): Html | string {
  if (order.audit.length === 0) return '';
  return html`<h2>By hand</h2>
    <ol class="timeline">
      ${order.audit.map(
        (a) =>
          html`<li>
            <p>
              <strong>${a.operator}</strong> ${AUDIT_TEXT[a.action]}${a.seq === null ? '' : ` (event ${a.seq})`}
              <span class="muted">· ${when(a.at)}</span>
            </p>
          </li>`,
      )}
    </ol>`;
}

export function orderPage(options: { nonce: string; operator: Operator; order: OrderView; done?: string }): Html {
  const { nonce, operator, order, done } = options;
  const body = html`<p><a href="/console">← All orders</a></p>
    <h1>Order ${order.order_id}</h1>
    ${done ? html`<p class="notice" role="status">${done}</p>` : ''} ${facts(order, operator.currency)}
    ${actionLinks(order, orderActions(order))}
    <h2>Timeline</h2>
    <ol class="timeline">
      ${order.events.map((e) => timelineEntry(order, e, operator.currency))}
    </ol>
    ${auditList(order)}
    <h2>Webhooks</h2>
    ${webhookList(order)}`;
  return page({ title: `Order ${order.order_id}`, nonce, operator, body });
}
