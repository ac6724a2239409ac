// The sandbox's HTML shell and stylesheet. Markup goes through hono/html, which escapes every
// interpolated value; styles come from one stylesheet so the pages run under a strict CSP.

import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export const STYLESHEET_PATH = '/__assets/sandbox.css';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export function page(title: string, body: Markup): Markup {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Spendgo sandbox</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <header class="banner" role="banner">
          <strong>Spendgo sandbox</strong> — a local stand-in for Spendgo. No real accounts.
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/**
 * Security headers for sandbox pages: only the sandbox's own stylesheet, never framed. No
 * form-action: after the consent form the browser follows redirects through the proxy to
 * whichever storefront started the sign-in, and Chromium applies form-action to that chain.
 */
export function pageSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

export const STYLESHEET = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; }
.banner { background: #ffd54f; color: #222; padding: .5rem 1rem; font-size: .9rem; }
main { max-width: 32rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; }
fieldset { border: 1px solid #8888; border-radius: .5rem; padding: 1rem; display: grid; gap: .5rem; }
button { font: inherit; padding: .6rem 1rem; border-radius: .4rem; border: 1px solid #555; cursor: pointer; text-align: start; }
button.member { display: grid; width: 100%; background: Canvas; color: CanvasText; }
button.member small { opacity: .75; }
button.primary { background: #1b5e20; color: #fff; border-color: #1b5e20; }
button:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
.actions { display: flex; gap: .75rem; margin-top: 1rem; }
ul.scopes { padding-inline-start: 1.25rem; }
.error { border-inline-start: 4px solid #b71c1c; padding-inline-start: .75rem; }
`;
