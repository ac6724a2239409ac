// Test helpers for the proxy: a browser-like caller (DPoP key, PKCE, Origin), the whole
// sign-in round trip through the real sandbox pages, and sandbox admin shortcuts.

import { env, exports } from 'cloudflare:workers';
import { SignJWT, calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { createMerchantClient, type MerchantClient, type PlacedInput } from '../../merchant/client';
import type { CheckoutRequest, CheckoutResponse, OrderView, Payment } from '../../shared/wire';
import { assertResponseClean } from './canary';

/** Each call looks like a different shopper's browser (its own CF-Connecting-IP) unless one is given, so
 * the per-client-and-IP rate limits only bite in the test written for them. */
export const proxy = {
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('CF-Connecting-IP'))
      headers.set('CF-Connecting-IP', `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`);
    const res = await exports.default.fetch(input, { ...init, headers });
    await assertResponseClean(res, `${init.method ?? 'GET'} ${new URL(input).pathname}`);
    return res;
  },
};
/** The proxy as a `fetch` function, for clients that take one (the merchant client). */
export const proxyFetch: typeof fetch = (input, init) =>
  proxy.fetch(input instanceof Request ? input.url : input.toString(), init);

export const sandbox = env.SPENDGO_SERVICE!;

export const PROXY = 'http://proxy.test';
export const SPENDGO = 'http://spendgo.test';
export const ORIGIN = 'https://shop-a.test';
export const REDIRECT = 'https://shop-a.test/cb';
export const CLIENT_ID = 'shop-a';

const testSecrets = JSON.parse(env.TEST_SECRETS) as Record<string, string>;

/** A test storefront (widget client) and its backend's merchant client. */
export interface Shop {
  clientId: string;
  /** The storefront's Origin; null for a native app, which sends none. */
  origin: string | null;
  redirect: string;
  merchant: MerchantClient;
}

function merchantOf(clientId: string): MerchantClient {
  return createMerchantClient({
    proxyUrl: PROXY,
    clientId,
    secret: testSecrets[`MERCHANT_SECRET_${clientId}`]!,
    fetch: proxyFetch,
  });
}

/** A storefront page: its origin and redirect under https://<client id>.test. */
function shop(clientId: string): Shop & { origin: string } {
  return {
    clientId,
    origin: `https://${clientId}.test`,
    redirect: `https://${clientId}.test/cb`,
    merchant: merchantOf(clientId),
  };
}

/** A native app: no Origin, and its own redirect. */
function appShop(clientId: string, redirect: string): Shop {
  return { clientId, origin: null, redirect, merchant: merchantOf(clientId) };
}

/** One shop per Spendgo account of the test configuration (vitest.config.ts), each with one program
 * type: shop-a (the default account, points: Jordan 1009029, Riley 1009033), bakery (visits: Sam
 * 1009030), grill (points banking: Avery 1009031), market (shop with points: Morgan 1009032). */
export const SHOPS = {
  a: shop('shop-a'),
  /** A second storefront on shop-a's Spendgo account (store 100002). */
  b: shop('shop-b'),
  bakery: shop('shop-bakery'),
  grill: shop('shop-grill'),
  market: shop('shop-market'),
  /** A native app (type native) on shop-a's account: loopback, scheme and claimed https redirects.
   * Its redirect here is the loopback one on a port an app would have picked. */
  app: appShop('shop-app', 'http://127.0.0.1:53682/callback'),
} as const;

export async function resetSandbox(): Promise<void> {
  await sandbox.fetch(`${SPENDGO}/__sandbox/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
}

export async function setFaults(settings: object): Promise<void> {
  const res = await sandbox.fetch(`${SPENDGO}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!res.ok) throw new Error(`faults refused: ${await res.text()}`);
}

export interface UpstreamCall {
  method: string;
  path: string;
  status: number;
  detail: string;
}

/** Spendgo API calls the sandbox has seen since the last reset. */
export async function upstreamCalls(): Promise<UpstreamCall[]> {
  const res = await sandbox.fetch(`${SPENDGO}/__sandbox/requests?limit=1000`);
  return (await res.json<{ requests: UpstreamCall[] }>()).requests;
}

export interface MemberInspection {
  member: { balance: number };
  copies: { rewardId: string; state: string }[];
  ledger: { kind: string; units: number; order_id: string | null }[];
}

export async function inspectMember(id: string): Promise<MemberInspection> {
  const res = await sandbox.fetch(`${SPENDGO}/__sandbox/members/${id}`);
  return res.json<MemberInspection>();
}

export async function adjustMember(id: string, units: number): Promise<void> {
  await sandbox.fetch(`${SPENDGO}/__sandbox/members/${id}/adjust`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ units }),
  });
}

export interface DpopKey {
  privateKey: CryptoKey;
  jwk: JWK;
  jkt: string;
}

export async function dpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

export async function sha256url(text: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

export interface ProofOptions {
  accessToken?: string;
  /** The DPoP nonce to carry; by default a fresh one from the proxy (as the widget keeps it), null for none. */
  nonce?: string | null;
  iat?: number;
  jti?: string;
  htu?: string;
  htm?: string;
  typ?: string;
}

/** The proxy's latest DPoP nonce and when it came (ms), as a widget would keep it. */
let latestNonce: { value: string; at: number } | null = null;

function noteNonce(res: Response): void {
  const value = res.headers.get('DPoP-Nonce');
  if (value) latestNonce = { value, at: Date.now() };
}

/** A nonce the proxy will accept for a while: the latest one seen, or one asked for now (the
 * token endpoint's challenge to a proof without one). */
export async function freshNonce(): Promise<string> {
  if (latestNonce && Date.now() - latestNonce.at < 20_000) return latestNonce.value;
  const url = `${PROXY}/oauth/token`;
  const res = await proxy.fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      DPoP: await proof(await dpopKey(), 'POST', url, { nonce: null }),
    },
    body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x.y' }),
  });
  noteNonce(res);
  if (!latestNonce) throw new Error(`the proxy sent no DPoP nonce (${res.status})`);
  return latestNonce.value;
}

export async function proof(key: DpopKey, method: string, url: string, options: ProofOptions = {}): Promise<string> {
  const u = new URL(options.htu ?? url);
  const nonce = options.nonce === undefined ? await freshNonce() : options.nonce;
  return new SignJWT({
    htm: options.htm ?? method,
    htu: `${u.origin}${u.pathname}`,
    jti: options.jti ?? crypto.randomUUID(),
    ...(options.accessToken && { ath: await sha256url(options.accessToken) }),
    ...(nonce !== null && { nonce }),
  })
    .setProtectedHeader({ alg: 'ES256', typ: options.typ ?? 'dpop+jwt', jwk: key.jwk })
    .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await sha256url(verifier) };
}

export function authorizeUrl(params: Record<string, string | null>): string {
  const url = new URL(`${PROXY}/oauth/authorize`);
  const all: Record<string, string | null> = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile',
    state: 'state-abc',
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

const manual = { redirect: 'manual' } as const;

function location(res: Response): URL {
  const value = res.headers.get('Location');
  if (res.status !== 302 || !value) throw new Error(`expected a redirect, got ${res.status}`);
  return new URL(value);
}

/** Drives Spendgo's (the sandbox's) sign-in pages as a person would. */
async function spendgoSignIn(spendgoUrl: URL, memberId: string, decision: 'allow' | 'deny'): Promise<URL> {
  const page = await sandbox.fetch(spendgoUrl.toString());
  const request = /name="request" value="([0-9a-f]{32})"/.exec(await page.text())?.[1];
  if (!request) throw new Error('no sign-in request on the Spendgo page');
  const form = (values: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(values), ...manual });
  const chosen = await sandbox.fetch(`${SPENDGO}/oauth2/v1/auth/sign-in`, form({ request, member: memberId }));
  if (chosen.status === 302) return location(chosen);
  return location(await sandbox.fetch(`${SPENDGO}/oauth2/v1/auth/consent`, form({ request, decision })));
}

export interface LoginResult {
  /** Where the proxy sent the browser back to (the storefront redirect URI). */
  back: URL;
  verifier: string;
  key: DpopKey;
}

/** authorize → Spendgo pages → callback; returns the storefront redirect with the proxy's code. */
export async function login(
  memberId: string,
  options: { decision?: 'allow' | 'deny'; nonce?: string; bindKey?: boolean; shop?: Shop } = {},
): Promise<LoginResult> {
  const key = await dpopKey();
  const { verifier, challenge } = await pkce();
  const shop = options.shop ?? SHOPS.a;
  const start = await proxy.fetch(
    authorizeUrl({
      client_id: shop.clientId,
      redirect_uri: shop.redirect,
      code_challenge: challenge,
      nonce: options.nonce ?? 'n-1',
      dpop_jkt: options.bindKey === false ? null : key.jkt,
    }),
    manual,
  );
  const toSpendgo = location(start);
  const toCallback = await spendgoSignIn(toSpendgo, memberId, options.decision ?? 'allow');
  const back = location(await proxy.fetch(toCallback.toString(), manual));
  return { back, verifier, key };
}

export async function tokenRequest(
  params: Record<string, string>,
  key: DpopKey,
  extra: { proof?: string | null; origin?: string; shop?: Shop } = {},
) {
  const url = `${PROXY}/oauth/token`;
  const shop = extra.shop ?? SHOPS.a;
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const origin = extra.origin ?? shop.origin;
  if (origin !== null) headers['Origin'] = origin;
  const dpop = extra.proof === undefined ? await proof(key, 'POST', url) : extra.proof;
  if (dpop !== null) headers['DPoP'] = dpop;
  const res = await proxy.fetch(url, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ client_id: shop.clientId, ...params }),
  });
  noteNonce(res);
  return res;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  key: DpopKey;
  /** Where the member signed in. */
  shop: Shop;
}

/** Signs a member in at `shop` (which must use the member's Spendgo account). */
export async function signIn(memberId: string, shop: Shop = SHOPS.a): Promise<Session> {
  const { back, verifier, key } = await login(memberId, { shop });
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`sign-in failed: ${back.toString()}`);
  const res = await tokenRequest(
    { grant_type: 'authorization_code', code, redirect_uri: shop.redirect, code_verifier: verifier },
    key,
    { shop },
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  const body = await res.json<{ access_token: string; refresh_token: string; id_token: string }>();
  return { accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token, key, shop };
}

/** A member request as the widget makes it: DPoP scheme, a fresh proof, the storefront Origin. */
export async function memberFetch(
  session: Session,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const url = `${PROXY}${path}`;
  const headers: Record<string, string> = {
    Authorization: `DPoP ${session.accessToken}`,
    DPoP: await proof(session.key, method, url, { accessToken: session.accessToken }),
    ...(session.shop.origin !== null && { Origin: session.shop.origin }),
    ...init.headers,
  };
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await proxy.fetch(url, {
    method,
    headers,
    ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  noteNonce(res);
  return res;
}

export const cart = {
  store: '999999',
  items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1, product_id: 'SALAD' }],
  subtotal: 21.5,
};

/** The merchant secret the test configuration gives client shop-a. */
export const MERCHANT_SECRET = testSecrets['MERCHANT_SECRET_A']!;

/** The merchant client, as shop-a's backend would use it, talking to the proxy under test. */
export const merchant = SHOPS.a.merchant;

/** A card payment of `amount`. */
export const card = (amount: number): Payment => ({ tender: 'credit', issuer: 'visa', amount });

/** What a merchant backend states at `placed` for a cart it validated: the same store, source,
 * items and subtotal, and the card authorised for the price before any discount (which covers
 * the total, as placed requires), plus whatever `extra` adds, such as tax. */
export function orderOf(
  checkoutId: string,
  body: { store: string; source?: CheckoutRequest['source']; items: CheckoutRequest['items']; subtotal: number } = cart,
  extra: Partial<PlacedInput> = {},
): PlacedInput {
  const fullPrice = body.subtotal + (extra.tax ?? 0) + (extra.tip ?? 0) + (extra.delivery ?? 0);
  return {
    checkoutId,
    store: body.store,
    items: body.items,
    subtotal: body.subtotal,
    ...(body.source && { source: body.source }),
    payments: [card(Math.round(fullPrice * 100) / 100)],
    ...extra,
  };
}

/** What `billed` carries once the card is charged: the order's total, read from the proxy as a
 * backend would. */
export async function paidInFull(orderId: string, by: MerchantClient = merchant): Promise<{ payments: Payment[] }> {
  return { payments: [card((await by.get(orderId)).total)] };
}

/** Waits (bounded) until nothing more will be delivered: all delivered, or held behind a dead letter. */
export async function settle(orderId: string, by: MerchantClient = merchant): Promise<OrderView> {
  for (let i = 0; i < 400; i++) {
    const view = await by.get(orderId);
    if (view.events.find((e) => e.state !== 'delivered')?.state !== 'pending') return view;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`order ${orderId} did not settle`);
}

/** POST /v1/checkout as the widget sends it for a guest of `shop` (a fresh Idempotency-Key); must answer 200. */
export async function guestCheckoutAs(body: object, shop: Shop = SHOPS.a): Promise<CheckoutResponse> {
  const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      ...(shop.origin !== null && { Origin: shop.origin }),
    },
    body: JSON.stringify({ client_id: shop.clientId, ...body }),
  });
  if (res.status !== 200) throw new Error(`guest checkout answered ${res.status}: ${await res.text()}`);
  return res.json<CheckoutResponse>();
}

/** POST /v1/checkout as the widget sends it for a signed-in member (a fresh Idempotency-Key); must answer 200. */
export async function checkoutAs(session: Session, body: object): Promise<CheckoutResponse> {
  const res = await memberFetch(session, 'POST', '/v1/checkout', {
    body,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  if (res.status !== 200) throw new Error(`checkout answered ${res.status}: ${await res.text()}`);
  return res.json<CheckoutResponse>();
}

/** Waits, if need be, for a fresh rate-limit window: the local limiter counts per wall-clock
 * minute, so a test that fills a bucket must not straddle two windows (it would see the count
 * start again). Waits only when less than 12 s of the window is left (a bucket fills in 2–6 s here). */
export async function freshRateWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 12_000) await new Promise((r) => setTimeout(r, left + 50));
}

/** Polls `read` every 25 ms until `done` holds for its value, at most `tries` times (bounded);
 * the value, or an error saying what never happened. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  tries = 300,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} never happened`);
}
