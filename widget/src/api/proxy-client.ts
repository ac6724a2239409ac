// The widget's only way out: the proxy's /v1 routes. Adds the member's DPoP credentials when
// signed in, hands every DPoP nonce the proxy sends to the credentials, retries once with a
// fresh nonce (use_dpop_nonce) and once with a refreshed token, and turns every failure into a
// WidgetError.

import type { Balance, CheckoutRequest, CheckoutResponse, ErrorBody, Rewards } from '../../../shared/wire-types';
import { offline, WidgetError } from './widget-error';

export { asWidgetError, offline, WidgetError } from './widget-error';

/** What the proxy client needs from the sign-in side: request headers, and a way to refresh. */
export interface Credentials {
  headers(method: string, url: string): Promise<Record<string, string>>;
  /** The DPoP nonce (RFC 9449 §9) the proxy sent last; the next proofs carry it. */
  noteNonce(nonce: string): void;
  /** Replaces the access token `rejected` (from the Authorization header sent) unless that was
   * done meanwhile; false when the member must sign in again. */
  refresh(rejected?: string): Promise<boolean>;
}

export interface ProxyClient {
  balance(credentials: Credentials, signal?: AbortSignal): Promise<Balance>;
  rewards(credentials: Credentials, store: string, signal?: AbortSignal): Promise<Rewards>;
  /** Member checkout when `credentials` is given, guest checkout otherwise. */
  checkout(
    credentials: Credentials | null,
    body: CheckoutRequest,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<CheckoutResponse>;
}

/** Any failure as a WidgetError (an unexpected one is internal and retryable). */
/** Answers that mean the page's attributes or the proxy's settings are wrong. */
const SETUP_CODES = new Set([
  'unknown_client',
  'store_not_allowed',
  'store_unknown',
  'join_not_enabled',
  'config_invalid',
  'upstream_auth_failed',
  'invalid_request',
]);

export function createProxyClient(
  baseUrl: string,
  clientId: string,
  fetcher: typeof fetch = (i, init) => fetch(i, init),
): ProxyClient {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    credentials: Credentials | null,
    init: { body?: string; headers?: Record<string, string>; signal?: AbortSignal | undefined },
    retried = { refresh: false, nonce: false },
  ): Promise<T> {
    const url = `${base}${path}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...init.headers,
      ...(credentials ? await credentials.headers(method, url) : {}),
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetcher(url, {
        method,
        headers,
        body: init.body ?? null,
        signal: init.signal ?? null,
        credentials: 'omit',
        mode: 'cors',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      // Rare, so its code loads only then; if it cannot load, the network is down.
      throw await import('./blocked-or-offline').then(
        ({ blockedOrOffline }) => blockedOrOffline(base, clientId, fetcher),
        () => offline(),
      );
    }
    const nonce = res.headers.get('DPoP-Nonce');
    if (nonce && credentials) credentials.noteNonce(nonce);
    if (res.ok) return (await res.json()) as T;
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    const code = body?.error.code ?? `http_${res.status}`;
    // Refused before anything was done, so sending again is safe (checkout included).
    if (res.status === 401 && credentials && code === 'use_dpop_nonce' && nonce && !retried.nonce)
      return call<T>(method, path, credentials, init, { ...retried, nonce: true });
    if (
      res.status === 401 &&
      credentials &&
      !retried.refresh &&
      (code === 'invalid_token' || code === 'invalid_dpop_proof')
    ) {
      const sent = /^DPoP (.+)$/.exec(headers['Authorization'] ?? '')?.[1];
      if (await credentials.refresh(sent))
        return call<T>(method, path, credentials, init, { ...retried, refresh: true });
    }
    const message = body?.error.message ?? 'The loyalty service answered with an error.';
    // Its words load only when the answer means the set-up is wrong.
    if (SETUP_CODES.has(code)) {
      const requestId = res.headers.get('X-Request-Id');
      void import('./developer-warnings').then((m) => {
        m.warnDeveloper(code, message, requestId);
      });
    }
    throw new WidgetError(code, message, body?.error.retryable ?? res.status >= 500);
  }

  return {
    balance: (credentials, signal) => call('GET', '/v1/balance', credentials, { signal }),
    rewards: (credentials, store, signal) =>
      call('GET', `/v1/rewards?store=${encodeURIComponent(store)}`, credentials, { signal }),
    checkout: (credentials, body, idempotencyKey, signal) =>
      call('POST', '/v1/checkout', credentials, {
        body: JSON.stringify(credentials ? body : { ...body, client_id: clientId }),
        headers: { 'Idempotency-Key': idempotencyKey },
        signal,
      }),
  };
}
