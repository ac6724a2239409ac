// The console's order list: the filter form (what to show, status, placed between two days) as
// a plain GET form, so every view has its own address, and one page of the client's orders from
// GET /v1/orders with a link to the next. The filter's schema and its mapping to the merchant
// API's filter live here too, beside the form that sends it.

import { html } from 'hono/html';
import * as z from 'zod';
import type { OrderFilter } from '../../../merchant/client';
import type { OrderList } from '../../../shared/wire';
import { page, STATUS_TEXT, when, type Html, type Operator } from './layout';

const SHOW = {
  '': 'All orders',
  attention: 'Needs attention',
  held: 'Held, not yet billed',
  dead_lettered: 'Dead-lettered',
  needs_reconciliation: 'Needs reconciliation',
  webhook_failed: 'Webhook failed',
  auto_voided: 'Auto-voided (hold ended)',
} as const;
type Show = keyof typeof SHOW;

const STATUSES = ['', 'placed', 'billed', 'completed', 'voided', 'refunded'] as const;
const day = z.union([z.literal(''), z.iso.date()]);

/** The list's query string; every field may be empty (the form sends them all). */
export const listQuerySchema = z.object({
  show: z.enum(Object.keys(SHOW) as [Show, ...Show[]]).default(''),
  status: z.enum(STATUSES).default(''),
  from: day.default(''),
  to: day.default(''),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const DAY_MS = 86_400_000;

/** The merchant API's filter for a list query: days are UTC, `to` included. */
export function apiFilter(q: ListQuery): OrderFilter {
  const filter: OrderFilter = { limit: 50 };
  if (q.show === 'attention') filter.attention = true;
  else if (q.show === 'held') filter.held = true;
  else if (q.show === 'auto_voided') filter.voidedBy = 'hold_expired';
  else if (q.show !== '') filter.attention = q.show;
  if (q.status !== '') filter.status = q.status;
  if (q.from !== '') filter.from = new Date(`${q.from}T00:00:00Z`);
  if (q.to !== '') filter.to = new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS);
  if (q.cursor) filter.cursor = q.cursor;
  return filter;
}

function nextHref(q: ListQuery, cursor: string): string {
  const params = new URLSearchParams({ show: q.show, status: q.status, from: q.from, to: q.to, cursor });
  return `/console?${params.toString()}`;
}

/** The same view as CSV (from its first page). */
function csvHref(q: ListQuery): string {
  return `/console/orders.csv?${new URLSearchParams({ show: q.show, status: q.status, from: q.from, to: q.to }).toString()}`;
}

function findForm(): Html {
  return html`<form class="filters" method="get" action="/console/find" aria-label="Find an order">
    <label>Order id <input name="order" required maxlength="64" pattern="[A-Za-z0-9_-]+" /></label>
    <button type="submit">Find</button>
  </form>`;
}

const option = (value: string, label: string, selected: string) =>
  html`<option value="${value}" ${value === selected ? 'selected' : ''}>${label}</option>`;

function filterForm(q: ListQuery): Html {
  return html`<form class="filters" method="get" action="/console" aria-label="Filter orders">
    <label
      >Show
      <select name="show">
        ${Object.entries(SHOW).map(([value, label]) => option(value, label, q.show))}
      </select>
    </label>
    <label
      >Status
      <select name="status">
        ${STATUSES.map((s) => option(s, s === '' ? 'Any status' : STATUS_TEXT[s]!, q.status))}
      </select>
    </label>
    <label>Placed from (UTC) <input type="date" name="from" value="${q.from}" /></label>
    <label>to <input type="date" name="to" value="${q.to}" /></label>
    <button type="submit">Show orders</button>
    <a class="button quiet" href="/console">Clear</a>
  </form>`;
}

function holdOrVoid(o: OrderList['orders'][number]): Html | string {
  if (o.voided_by === 'hold_expired') return html`<span class="warn">Auto-voided: hold ended</span>`;
  if (o.voided_by === 'merchant') return 'Voided by the merchant';
  if (o.hold_until !== null) return `Held until ${when(o.hold_until)}`;
  return '—';
}

export function listPage(options: { nonce: string; operator: Operator; query: ListQuery; list: OrderList }): Html {
  const { nonce, operator, query, list } = options;
  const shown = SHOW[query.show];
  const rows = list.orders.map(
    (o) =>
      html`<tr>
        <th scope="row"><a href="/console/orders/${o.order_id}">${o.order_id}</a></th>
        <td data-label="Placed">${when(o.placed_at)}</td>
        <td data-label="Status">${STATUS_TEXT[o.status] ?? o.status}</td>
        <td data-label="Needs attention">
          ${o.attention ? html`<span class="warn">${STATUS_TEXT[o.attention]}</span>` : '—'}
        </td>
        <td data-label="Hold">${holdOrVoid(o)}</td>
      </tr>`,
  );
  const body = html`<h1>Orders</h1>
    ${findForm()} ${filterForm(query)}
    ${
      list.orders.length === 0
        ? html`<p class="notice" role="status">No orders match: ${shown.toLowerCase()}.</p>`
        : html`<div class="table" role="region" aria-label="Orders" tabindex="0">
            <table>
              <caption>
                ${shown}, newest first${query.cursor ? ' (continued)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col">Needs attention</th>
                  <th scope="col">Hold</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }
    <p>
      ${list.next_cursor ? html`<a href="${nextHref(query, list.next_cursor)}">Older orders</a> · ` : ''}
      <a href="${csvHref(query)}" download>Download these orders as CSV</a>
    </p>`;
  return page({ title: 'Orders', nonce, operator, body });
}
