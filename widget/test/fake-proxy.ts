// A fake of the proxy's /v1 routes for widget unit tests: replaces window.fetch for the proxy's
// origin only, records every request, and answers from a script the test controls.

import { reward } from '../../shared/fixtures';
import type { Balance, CheckoutRequest, CheckoutResponse, Reward } from '../../shared/wire';

export const PROXY = 'https://proxy.test';
export const CLIENT_ID = 'shop-test';

export interface Recorded {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export interface FakeProxy {
  requests: Recorded[];
  balance: Balance;
  rewards: Reward[];
  /** Decides the checkout answer; default: $5 for any reward. */
  checkout: (body: CheckoutRequest) => CheckoutResponse;
  /** Answers POST /v1/join; default: joined, with a ticket. */
  join: (body: unknown) => { status: number; value: unknown };
  /** The next N requests fail this way. */
  /** `unknown_client`: a 400 as the proxy answers a mistyped client-id. */
  failures: ('network' | 503 | 'unknown_client')[];
  /** While set, answers wait for this promise (to look at loading states). */
  gate: Promise<void> | null;
  restore(): void;
}

export { reward };

export function installFakeProxy(): FakeProxy {
  const original = window.fetch.bind(window);
  let counter = 0;
  let offline = false;
  const fake: FakeProxy = {
    requests: [],
    balance: { program: 'points', units: 'points', balance: 40, label: '$5 Off', threshold: 50, rewards: [] },
    rewards: [
      reward('2234402', '$5 Off', { expires_on: '2026-12-01' }),
      reward('A18', 'Free Cookie', { kind: 'free_item', value: 2.5 }),
    ],
    checkout: (body) => ({
      checkout_id: `ck_${String(++counter).padStart(64, '0')}`,
      discount: body.reward ? 5 : 0,
      reward_applied: body.reward !== undefined,
      reason: null,
      message: null,
      currency: 'USD',
      expires_at: new Date(Date.now() + 1_800_000).toISOString(),
    }),
    join: () => ({ status: 201, value: { join_ticket: 'ticket-from-the-proxy', expires_in: 120 } }),
    failures: [],
    gate: null,
    restore: () => {
      window.fetch = original;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.origin !== PROXY) return original(input, init);
    // The widget's "is it the network?" probe: unreachable while the network is failing.
    if (init?.mode === 'no-cors') {
      if (offline) throw new TypeError('Failed to fetch');
      return new Response(null, { status: 200 });
    }
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    fake.requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      headers: new Headers(init?.headers),
      body,
    });
    const failure = fake.failures.shift();
    offline = failure === 'network';
    if (failure === 'network') throw new TypeError('Failed to fetch');
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    if (failure === 503)
      return json(503, {
        error: { code: 'upstream_unavailable', message: 'Spendgo is not answering.', retryable: true },
      });
    if (failure === 'unknown_client')
      return new Response(
        JSON.stringify({
          error: { code: 'unknown_client', message: 'No client "shop-tset".', retryable: false, request_id: 'req-42' },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-42' } },
      );
    if (url.pathname === '/v1/balance') return json(200, fake.balance);
    if (url.pathname === '/v1/rewards')
      return json(200, { store: url.searchParams.get('store'), rewards: fake.rewards });
    if (url.pathname === '/v1/checkout') return json(200, fake.checkout(body as CheckoutRequest));
    if (url.pathname === '/v1/join') {
      const answer = fake.join(body);
      return json(answer.status, answer.value);
    }
    return json(404, { error: { code: 'not_found', message: 'No such route.', retryable: false } });
  };
  return fake;
}

/** Stores a session the way oidc-client-ts does, so the widget starts signed in. */
export function storeSession(givenName = 'Jordan'): void {
  localStorage.setItem(
    `oidc.user:${PROXY}:${CLIENT_ID}`,
    JSON.stringify({
      access_token: 'test-access-token',
      token_type: 'DPoP',
      refresh_token: 'family.secret',
      expires_at: Math.floor(Date.now() / 1000) + 300,
      profile: { sub: 'pairwise-sub', given_name: givenName, iss: PROXY, aud: CLIENT_ID, exp: 0, iat: 0 },
      scope: 'openid profile',
    }),
  );
}
