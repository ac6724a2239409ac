// Response helpers of the sign-in broker. OAuth endpoints answer in RFC 6749's format
// (`{ error, error_description }`), which standard clients such as oidc-client-ts expect;
// errors that cannot be sent back to a storefront are shown as a small HTML page.

import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WidgetClient } from '../env';

/** The RFC 6749 error, with the request's id (X-Request-Id, and its log line) beside it. */
export function oauthError(c: Context, status: ContentfulStatusCode, error: string, description: string): Response {
  c.header('Cache-Control', 'no-store');
  const { log, requestId } = c.var as { log?: { errorCode: string | null }; requestId: string };
  if (log) log.errorCode = error;
  return c.json({ error, error_description: description, request_id: requestId }, status);
}

/** Redirects back to a (verified) storefront redirect URI with OAuth parameters. */
export function redirectBack(
  c: Context,
  redirectUri: string,
  params: Record<string, string | null | undefined>,
): Response {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value != null) url.searchParams.set(key, value);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(url.toString(), 302);
}

const PAGE_STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { max-width: 32rem; margin: 1.5rem; padding: 1.5rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 0.75rem; }
  h1 { font-size: 1.25rem; margin-top: 0; }
  a { display: inline-block; padding: 0.5rem 1rem; border-radius: 0.5rem; background: #1b5e20; color: #fff; text-decoration: none; }
  a:focus-visible { outline: 3px solid #1b5e20; outline-offset: 2px; }
`;

/**
 * For requests with no trustworthy place to redirect to (unknown client, bad redirect URI, lost
 * or reused state): a page that says what happened and what to do, with a link back to the
 * store when the client is known (its first registered origin: a place it registered, never
 * one the request named).
 */
export function errorPage(c: Context, message: string, client?: WidgetClient): Response | Promise<Response> {
  // The app's secure headers set the CSP with this nonce (style-src only; no script may run).
  const nonce = c.get('secureHeadersNonce') ?? '';
  c.header('Cache-Control', 'no-store');
  const store = client?.origins[0];
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Sign-in problem</title>
          <style nonce="${nonce}">
            ${raw(PAGE_STYLE)}
          </style>
        </head>
        <body>
          <main>
            <h1>We couldn't finish signing you in</h1>
            <p role="alert">${message}</p>
            ${
              store
                ? html`<p>Go back to the store and sign in again from there.</p>
                    <p><a href="${store}">Back to the store</a></p>`
                : html`<p>Go back to the store's page and start signing in again from there.</p>`
            }
          </main>
        </body>
      </html>`,
    400,
  );
}
