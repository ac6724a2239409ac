// The operations console's page frame: one stylesheet (inline, under the response's CSP nonce;
// no script runs anywhere in the console), the header with the signed-in client and its sign-out
// form, and the small formatters every page shares (times in UTC, money in the client's currency).

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Who is signed in, for the header and every form. */
export interface Operator {
  /** The client being operated. */
  clientId: string;
  currency: string;
  csrf: string;
  /** The person (an Access email), or the client itself for a merchant-secret sign-in. */
  name: string;
  /** The clients this operator may switch between (Access; one for a merchant-secret sign-in). */
  clients: readonly string[];
  /** Access signs out at its own logout URL; the merchant-secret session with a form. */
  via: 'access' | 'secret';
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5;
    --accent: light-dark(#1b5e20, #8fd694); --on-accent: light-dark(#fff, #0b2a0d);
    --warn: light-dark(#8a1c1c, #ffb4ab); --muted: light-dark(#4a4a4a, #c4c4c4);
    --line: light-dark(#c8c8c8, #5a5a5a); --soft: light-dark(#f3f6f3, #1f2a20); }
  body { margin: 0; background: Canvas; color: CanvasText; }
  header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between;
    padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); }
  header form { margin: 0; } header nav { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; }
  main { max-width: 64rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
  h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  a { color: var(--accent); } a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
    outline: 3px solid var(--accent); outline-offset: 2px; }
  button, .button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.4rem; border: 1px solid var(--accent);
    background: var(--accent); color: var(--on-accent); cursor: pointer; text-decoration: none; display: inline-block;
    max-width: 100%; box-sizing: border-box; }
  button.quiet, .button.quiet { background: transparent; color: var(--accent); }
  button.danger { background: var(--warn); border-color: var(--warn); color: Canvas; }
  input, select { font: inherit; padding: 0.3rem 0.4rem; max-width: 100%; box-sizing: border-box; }
  label { display: inline-flex; flex-direction: column; gap: 0.15rem; font-size: 0.9rem; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; padding: 0.75rem;
    background: var(--soft); border-radius: 0.5rem; }
  .table { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th[scope='row'] { white-space: nowrap; overflow-wrap: normal; }
  th, td { text-align: start; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  /* Narrow screens: each order a block of labelled lines, not five squeezed columns. */
  @media (max-width: 40rem) {
    .table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .table tr { display: block; border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
    .table th[scope='row'], .table td { display: block; border: 0; padding: 0.1rem 0.5rem; }
    .table td::before { content: attr(data-label) ': '; opacity: 0.75; }
  }
  caption { text-align: start; color: var(--muted); padding-bottom: 0.25rem; }
  .muted { color: var(--muted); } .warn { color: var(--warn); font-weight: 600; }
  .notice { padding: 0.6rem 0.8rem; border-radius: 0.5rem; background: var(--soft); border-inline-start: 4px solid var(--accent); }
  .problem { padding: 0.6rem 0.8rem; border-radius: 0.5rem; background: var(--soft); border-inline-start: 4px solid var(--warn); }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
  dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
  ol.timeline { list-style: none; padding: 0; margin: 0; border-inline-start: 2px solid var(--line); }
  ol.timeline > li { position: relative; padding: 0 0 1rem 1rem; }
  ol.timeline h3 { font-size: 1rem; margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
  .card { max-width: 30rem; margin: clamp(0.5rem, 3vw, 2rem) auto; padding: clamp(0.75rem, 4vw, 1.5rem);
    border: 1px solid var(--line); border-radius: 0.75rem; }
  .card form { display: grid; gap: 0.75rem; } .card label { display: grid; }
  fieldset { border: 1px solid var(--line); border-radius: 0.5rem; display: grid; gap: 0.5rem; }
  .card fieldset label { display: flex; flex-direction: row; align-items: baseline; gap: 0.5rem; }
`;

/** An operator of several clients (brands) picks the one to operate; the choice is kept. */
function clientSwitch(operator: Operator): Html | string {
  if (operator.clients.length < 2) return '';
  return html`<form method="post" action="/console/client">
    <input type="hidden" name="csrf" value="${operator.csrf}" />
    <label
      >Client
      <select name="client">
        ${operator.clients.map(
          (id) => html`<option value="${id}" ${id === operator.clientId ? 'selected' : ''}>${id}</option>`,
        )}
      </select></label
    >
    <button class="quiet" type="submit">Switch</button>
  </form>`;
}

export function page(options: { title: string; nonce: string; operator?: Operator; body: Html }): Html {
  const { title, nonce, operator, body } = options;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Spendgo loyalty operations</title>
        <style nonce="${nonce}">
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <strong>Spendgo loyalty · operations</strong>
          ${
            operator
              ? html`<nav aria-label="Console">
                  <a href="/console">Orders</a>
                  <span class="muted"
                    >Signed in as ${operator.name}${operator.via === 'access' ? ` · ${operator.clientId}` : ''}</span
                  >
                  ${clientSwitch(operator)}
                  ${
                    operator.via === 'access'
                      ? html`<a href="/cdn-cgi/access/logout">Sign out</a>`
                      : html`<form method="post" action="/console/sign-out">
                          <input type="hidden" name="csrf" value="${operator.csrf}" />
                          <button class="quiet" type="submit">Sign out</button>
                        </form>`
                  }
                </nav>`
              : ''
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** "2026-12-03 17:40:12 UTC": one zone for every operator, said on every time. */
export function when(iso: string | null): string {
  if (iso === null) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}

/** The order statuses and attention reasons as an operator reads them. */
export const STATUS_TEXT: Record<string, string> = {
  placed: 'Placed',
  billed: 'Billed',
  completed: 'Completed',
  voided: 'Voided',
  refunded: 'Refunded',
  pending: 'Pending',
  delivered: 'Delivered',
  dead_lettered: 'Dead-lettered',
  needs_reconciliation: 'Needs reconciliation',
  webhook_failed: 'Webhook failed',
  failed: 'Failed',
};
