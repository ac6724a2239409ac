// A member as the bench drives one: a DPoP key, the proxy's latest nonce kept as the widget keeps
// it, proofs made per request, and sign-ins through the proxy and the sandbox's pages as a browser
// would. Used by the latency and order benches (scripts/bench-latency.ts, scripts/bench-orders.ts);
// only 127.0.0.1 is contacted.
import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

export const PROXY = 'http://127.0.0.1:8787';
export const SANDBOX = 'http://127.0.0.1:8788';
export const ORIGIN = 'http://localhost:5173';
const REDIRECT = 'http://localhost:5173/';
/** The demo member the sandbox seeds (rewards at store 999999). */
export const MEMBER_ID = '1009029';

export interface BenchMember {
  /** A DPoP proof for one request (RFC 9449), with the latest nonce and, for member calls, `ath`. */
  proof: (method: string, url: string, accessToken?: string) => Promise<string>;
  /** Asks for a nonce as a client without one learns it: from the token endpoint's challenge. */
  askNonce: () => Promise<void>;
  /** Keeps the nonce an answer carries (its DPoP-Nonce header). */
  noteNonce: (value: string | string[] | null | undefined) => void;
  nonce: () => string | undefined;
  /** Signs the demo member in; answers a DPoP-bound access token. */
  signIn: () => Promise<string>;
  /** A member request to the proxy with `token` and a fresh proof; keeps the answer's nonce. */
  send: (token: string, method: 'GET' | 'POST', path: string, init?: RequestInit) => Promise<Response>;
  /** A member read; throws unless it answers 2xx. */
  get: (token: string, path: string) => Promise<void>;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const sha256 = async (text: string) =>
  b64url(Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));

export async function benchMember(): Promise<BenchMember> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const jkt = await calculateJwkThumbprint(jwk);
  let nonce: string | undefined;
  const noteNonce = (value: string | string[] | null | undefined) => {
    if (typeof value === 'string' && value !== '') nonce = value;
  };

  async function proof(method: string, url: string, accessToken?: string): Promise<string> {
    const u = new URL(url);
    return new SignJWT({
      htm: method,
      htu: `${u.origin}${u.pathname}`,
      jti: randomUUID(),
      ...(nonce && { nonce }),
      ...(accessToken && { ath: await sha256(accessToken) }),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
      .setIssuedAt()
      .sign(privateKey);
  }

  /** A token endpoint request, with a proof, as the widget's sign-in makes it. */
  async function tokenRequest(form: Record<string, string>): Promise<Response> {
    const res = await fetch(`${PROXY}/oauth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
        DPoP: await proof('POST', `${PROXY}/oauth/token`),
      },
      body: new URLSearchParams(form),
    });
    noteNonce(res.headers.get('DPoP-Nonce'));
    return res;
  }

  async function askNonce(): Promise<void> {
    const res = await tokenRequest({ grant_type: 'refresh_token', client_id: 'demo-storefront', refresh_token: 'x.y' });
    if (!nonce) throw new Error(`the proxy sent no DPoP nonce (${res.status})`);
  }

  async function signIn(): Promise<string> {
    const verifier = b64url(Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
    const query = new URLSearchParams({
      client_id: 'demo-storefront',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      state: 's',
      code_challenge: await sha256(verifier),
      code_challenge_method: 'S256',
      dpop_jkt: jkt,
    });
    const toSpendgo = (await fetch(`${PROXY}/oauth/authorize?${query.toString()}`, { redirect: 'manual' })).headers.get(
      'Location',
    )!;
    const page = await (await fetch(toSpendgo)).text();
    const request = /name="request" value="([0-9a-f]{32})"/.exec(page)![1]!;
    const form = (values: Record<string, string>) => ({
      method: 'POST',
      body: new URLSearchParams(values),
      redirect: 'manual' as const,
    });
    let answer = await fetch(`${SANDBOX}/oauth2/v1/auth/sign-in`, form({ request, member: MEMBER_ID }));
    if (answer.status !== 302)
      answer = await fetch(`${SANDBOX}/oauth2/v1/auth/consent`, form({ request, decision: 'allow' }));
    const back = (await fetch(answer.headers.get('Location')!, { redirect: 'manual' })).headers.get('Location')!;
    const code = new URL(back).searchParams.get('code')!;
    const token = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: 'demo-storefront',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    return ((await token.json()) as { access_token: string }).access_token;
  }

  async function send(token: string, method: 'GET' | 'POST', path: string, init: RequestInit = {}) {
    const res = await fetch(`${PROXY}${path}`, {
      ...init,
      method,
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        Authorization: `DPoP ${token}`,
        DPoP: await proof(method, `${PROXY}${path}`, token),
        Origin: ORIGIN,
      },
    });
    noteNonce(res.headers.get('DPoP-Nonce'));
    return res;
  }

  async function get(token: string, path: string): Promise<void> {
    const res = await send(token, 'GET', path);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  }

  return { proof, askNonce, noteNonce, nonce: () => nonce, signIn, send, get };
}
