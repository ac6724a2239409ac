// The demo's native app, as a desktop or mobile app would be built on a standard OAuth client
// (oauth4webapi): it signs the member in through the system browser with a loopback redirect on
// a port it picks (RFC 8252 §7.3), with PKCE S256 and a DPoP key that never leaves the app, then
// calls the proxy's member routes with DPoP-bound tokens and no Origin. It holds no secret: the
// merchant's backend places the order. Used by `npm run demo:app` and by the e2e suite.

import { createServer, type Server } from 'node:http';
import * as oauth from 'oauth4webapi';

/** What the browser shows once it has handed the code to the app. */
const RETURNED_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Signed in</title>
<style>:root{color-scheme:light dark;font:1.1rem/1.5 system-ui,sans-serif}body{display:grid;place-items:center;min-height:90vh;margin:0}main{margin:1.5rem;max-width:30rem}h1{font-size:1.4rem}</style>
<main><h1>Signed in with Spendgo</h1><p>You can go back to the app now.</p></main></html>`;

/** A signed-in member, as the app holds it. */
export interface AppSession {
  accessToken: string;
  refreshToken: string | undefined;
  dpop: oauth.DPoPHandle;
  givenName: string | undefined;
}

export interface SignInStarted {
  /** Open this in the system browser (ASWebAuthenticationSession, Custom Tabs, the desktop's browser). */
  url: string;
  /** Settles once the browser comes back to the loopback redirect and the code is exchanged. */
  session: Promise<AppSession>;
  /** Stops listening (on success it already has). */
  close(): void;
}

// The local system runs over plain http on loopback; a deployed proxy is https.
const insecureLocally = (proxyUrl: string) =>
  new URL(proxyUrl).protocol === 'http:'
    ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- marked so only as "local development only"
      { [oauth.allowInsecureRequests]: true }
    : {};

/** Reads the proxy's OpenID Provider metadata. */
export async function discover(proxyUrl: string): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(proxyUrl);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecureLocally(proxyUrl)));
}

/** Runs `request` once more when the server asks for a fresh DPoP nonce (RFC 9449 §8, §9). */
async function withNonce<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    return request();
  }
}

/** Listens on 127.0.0.1 on a free port and returns the sign-in URL for `clientId`. */
export async function startSignIn(proxyUrl: string, clientId: string): Promise<SignInStarted> {
  const as = await discover(proxyUrl);
  const client: oauth.Client = { client_id: clientId };
  const dpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const server: Server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  const redirectUri = `http://127.0.0.1:${port}/callback`;

  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    dpop_jkt: await dpop.calculateThumbprint(),
  }).toString();

  const session = new Promise<AppSession>((resolve, reject) => {
    server.on('request', (req, res) => {
      const back = new URL(req.url ?? '/', redirectUri);
      if (back.pathname !== '/callback') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(RETURNED_PAGE);
      server.close();
      exchange(back).then(resolve, reject);
    });
  });

  async function exchange(back: URL): Promise<AppSession> {
    const params = oauth.validateAuthResponse(as, client, back, state);
    const tokens = await withNonce(async () =>
      oauth.processAuthorizationCodeResponse(
        as,
        client,
        await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, {
          DPoP: dpop,
          ...insecureLocally(proxyUrl),
        }),
      ),
    );
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      dpop,
      givenName: typeof claims?.['given_name'] === 'string' ? claims['given_name'] : undefined,
    };
  }

  return { url: url.toString(), session, close: () => server.close() };
}

/** A member request to the proxy (`/v1/...`), DPoP-bound, with no Origin; the parsed JSON
 * answer, of the shape the caller names (the proxy's OpenAPI document has them). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the answer's shape is the caller's to name
export async function memberCall<T>(
  proxyUrl: string,
  session: AppSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  // One key for the request, kept if it is sent again with a fresh nonce.
  const idempotencyKey = crypto.randomUUID();
  const res = await withNonce(() => {
    const headers = new Headers();
    if (body !== undefined) {
      headers.set('Content-Type', 'application/json');
      headers.set('Idempotency-Key', idempotencyKey);
    }
    return oauth.protectedResourceRequest(
      session.accessToken,
      method,
      new URL(path, proxyUrl),
      headers,
      body === undefined ? undefined : JSON.stringify(body),
      { DPoP: session.dpop, ...insecureLocally(proxyUrl) },
    );
  });
  return { status: res.status, body: (await res.json()) as T };
}
