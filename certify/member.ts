// A member of the target Spendgo signed in through the proxy, as the widget does it: OpenID
// Connect with PKCE and a DPoP key (answering the proxy's DPoP nonce challenges), then
// DPoP-bound calls to /v1/*. Against the sandbox the
// sign-in pages are driven as a person would; against Spendgo's own pages the tester signs in
// in a browser and pastes the address the browser lands on.

import { createInterface } from 'node:readline/promises';
import { SignJWT, exportJWK, calculateJwkThumbprint, type JWK } from 'jose';

export interface Target {
  proxyUrl: string;
  clientId: string;
  origin: string;
  redirectUri: string;
  /** 'sandbox': drive the sandbox's sign-in page; 'manual': a person signs in. */
  signIn: 'sandbox' | 'manual';
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256url = async (text: string) =>
  b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));

export interface Member {
  call(method: 'GET' | 'POST', path: string, body?: object, headers?: Record<string, string>): Promise<Response>;
}

function location(res: Response): URL {
  const to = res.headers.get('Location');
  if (res.status !== 302 && res.status !== 303) throw new Error(`expected a redirect, got HTTP ${res.status}`);
  if (!to) throw new Error('a redirect without a Location');
  return new URL(to, res.url || undefined);
}

async function sandboxSignIn(fetcher: typeof fetch, spendgo: URL, memberId: string): Promise<URL> {
  const page = await (await fetcher(spendgo)).text();
  const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
  if (!request) throw new Error('no sign-in form on the sandbox page');
  const form = (action: string, values: Record<string, string>) =>
    fetcher(new URL(action, spendgo), { method: 'POST', body: new URLSearchParams(values) });
  const chosen = await form('/oauth2/v1/auth/sign-in', { request, member: memberId });
  if (chosen.status === 302) return location(chosen);
  return location(await form('/oauth2/v1/auth/consent', { request, decision: 'allow' }));
}

async function manualSignIn(spendgo: URL, memberId: string): Promise<URL> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(
    `Sign in as test member ${memberId} at:\n  ${spendgo.toString()}\nthen paste the address your browser ends on: `,
  );
  rl.close();
  return new URL(answer.trim());
}

/** `fetcher` must not follow redirects (each hop of the sign-in is read). */
export async function signIn(target: Target, fetcher: typeof fetch, memberId: string): Promise<Member> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk: JWK = await exportJWK(publicKey);
  /** The proxy's latest DPoP nonce (RFC 9449 §8–9), kept from every answer as a client does. */
  let nonce: string | null = null;
  const proof = async (method: string, url: string, accessToken?: string) => {
    const u = new URL(url);
    return new SignJWT({
      htm: method,
      htu: `${u.origin}${u.pathname}`,
      jti: crypto.randomUUID(),
      ...(accessToken && { ath: await sha256url(accessToken) }),
      ...(nonce && { nonce }),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
      .setIssuedAt()
      .sign(privateKey);
  };
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = crypto.randomUUID();
  const authorize = new URL(`${target.proxyUrl}/oauth/authorize`);
  for (const [k, v] of Object.entries({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state,
    nonce: crypto.randomUUID(),
    code_challenge: await sha256url(verifier),
    code_challenge_method: 'S256',
    dpop_jkt: await calculateJwkThumbprint(jwk),
  }))
    authorize.searchParams.set(k, v);
  const toSpendgo = location(await fetcher(authorize));
  const back =
    target.signIn === 'sandbox'
      ? await sandboxSignIn(fetcher, toSpendgo, memberId)
      : await manualSignIn(toSpendgo, memberId);
  // Against the sandbox the browser would now land on the proxy's callback, then the storefront.
  const landed = back.pathname.endsWith('/oauth/callback') ? location(await fetcher(back)) : back;
  const code = landed.searchParams.get('code');
  if (!code || landed.searchParams.get('state') !== state)
    throw new Error(`sign-in did not return a code (${landed.searchParams.get('error') ?? 'no error given'})`);
  /** Sends with a fresh proof; once more with the nonce if the proxy asks for one (nothing was used up). */
  const withNonce = async (send: () => Promise<Response>): Promise<Response> => {
    let res = await send();
    const asked = async () =>
      res.status === 400
        ? ((await res.clone().json()) as { error?: string }).error === 'use_dpop_nonce'
        : (res.headers.get('WWW-Authenticate') ?? '').includes('use_dpop_nonce');
    nonce = res.headers.get('DPoP-Nonce') ?? nonce;
    if ((res.status === 400 || res.status === 401) && (await asked())) {
      res = await send();
      nonce = res.headers.get('DPoP-Nonce') ?? nonce;
    }
    return res;
  };
  const tokenUrl = `${target.proxyUrl}/oauth/token`;
  const token = await withNonce(async () =>
    fetcher(tokenUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: target.origin,
        DPoP: await proof('POST', tokenUrl),
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: target.clientId,
        code,
        redirect_uri: target.redirectUri,
        code_verifier: verifier,
      }),
    }),
  );
  if (token.status !== 200) throw new Error(`the token request failed: HTTP ${token.status}`);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  return {
    async call(method, path, body, headers = {}) {
      const url = `${target.proxyUrl}${path}`;
      return withNonce(async () =>
        fetcher(url, {
          method,
          headers: {
            Authorization: `DPoP ${accessToken}`,
            DPoP: await proof(method, url, accessToken),
            Origin: target.origin,
            ...(body && { 'Content-Type': 'application/json' }),
            ...headers,
          },
          ...(body && { body: JSON.stringify(body) }),
        }),
      );
    },
  };
}
