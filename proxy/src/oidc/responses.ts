// Response helpers of the sign-in broker. OAuth endpoints answer in RFC 6749's format
// (`{ error, error_description }`), which standard clients such as oidc-client-ts expect;
// errors that cannot be sent back to a storefront are shown as a small HTML page.

import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function oauthError(c: Context, status: ContentfulStatusCode, error: string, description: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
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

/** For requests with no trustworthy place to return to (unknown client, bad redirect URI, lost state). */
export function errorPage(c: Context, message: string): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Sign-in problem</title>
        </head>
        <body>
          <main>
            <h1>We couldn't finish signing you in</h1>
            <p role="alert">${message}</p>
            <p>Go back to the store and try signing in again.</p>
          </main>
        </body>
      </html>`,
    400,
  );
}
