// The proxy's Spendgo client: signed loyalty calls, the OAuth code exchange and member lookup.
// Pure of Hono and of globals: fetch, sleep and randomness are passed in. Every call has a
// timeout; GETs and `checkout` are retried with jittered backoff on 429/5xx/timeouts, nothing
// else is (docs/spendgo-api.md A15, A16). Failures come back as values, never Spendgo's raw body.

import type { Balance, Reward } from '../../../shared/wire';
import { err, ok, type Result } from '../../../shared/result';
import { createSigner, type Signer } from './sign';
import {
  parseBalance,
  parseCreatedMember,
  parseLookup,
  parseMember,
  parseRewards,
  parseToken,
  parseTransaction,
  spendgoErrorWire,
  lowerKeys,
  type MemberStatus,
  type SpendgoMember,
  type SpendgoTransaction,
} from './wire';

export type SpendgoFailure =
  /** 5xx, 429, timeout or network error, after any retries. */
  | { kind: 'unavailable'; status: number | null }
  /** Spendgo refused the proxy's key or signature (401, codes 1001–1004). */
  | { kind: 'credentials' }
  /** An OAuth token or code was refused (1010, 1011, or the token endpoint said no). */
  | { kind: 'token_invalid' }
  | { kind: 'member_not_found' }
  | { kind: 'store_unknown' }
  /** Any other 4xx; `details` is Spendgo's customer-facing text. */
  | { kind: 'rejected'; status: number; code: number | null; details: string }
  | { kind: 'bad_response' };

export interface SpendgoClientOptions {
  apiBase: string;
  idBase: string;
  memberBase: string;
  apiKey: string;
  apiSecret: string;
  oauthClientId: string;
  oauthClientSecret: string;
  /** The mobile API's credentials, for the member lookup (join at checkout). */
  mobile: { apiKey: string; apiSecret: string; webContext: string } | null;
  /** Sign path + query (true, A1's recommendation) or the path alone. */
  signQuery: boolean;
  timeoutMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxAttempts?: number;
  /** Called once per HTTP attempt, for logs and metrics; gets no URLs, bodies or tokens. */
  onAttempt?: (info: { operation: string; attempt: number; status: number | null; ms: number }) => void;
}

export type OrderStatus = 'checkout' | 'placed' | 'billed' | 'completed' | 'voided' | 'refunded';

interface Call {
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  headers: Record<string, string>;
  retry: boolean;
}

interface Raw {
  status: number;
  /** Parsed JSON; undefined when the body was not JSON. */
  json: unknown;
}

interface Attempt {
  status: number | null;
  json: unknown;
  retryAfter: string | null;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const BACKOFF_BASE_MS = 150;
const BACKOFF_CAP_MS = 2_000;

export interface SpendgoClient {
  balance(memberId: string): Promise<Result<Balance, SpendgoFailure>>;
  rewards(memberId: string, store: string): Promise<Result<Reward[], SpendgoFailure>>;
  order(memberId: string, status: OrderStatus, body: object): Promise<Result<SpendgoTransaction, SpendgoFailure>>;
  exchangeCode(code: string, redirectUri: string): Promise<Result<string, SpendgoFailure>>;
  member(accessToken: string): Promise<Result<SpendgoMember, SpendgoFailure>>;
  /** The mobile API's member status of a phone (10 digits) or an email, across Spendgo. */
  lookupMember(
    by: { phone: string } | { email: string },
  ): Promise<Result<{ status: MemberStatus; linked: boolean }, SpendgoFailure>>;
  /** `POST /loyalty/accounts`: the member's id, and whether this call created them (201) or
   * found them (200). Not retried: a lost 201 then reads as "found", the side that signs no one in. */
  createMember(customer: NewMember): Promise<Result<{ id: string; created: boolean }, SpendgoFailure>>;
}

/** A member joining with what the join form asks (docs/spendgo-api.md §5.1, A23). */
export interface NewMember {
  phone: string;
  email?: string;
  name?: { first: string };
  sms_opt_in: boolean;
  email_opt_in: boolean;
}

export function createSpendgoClient(options: SpendgoClientOptions): SpendgoClient {
  let signer: Promise<Signer> | undefined;
  let mobileSigner: Promise<Signer> | undefined;
  const maxAttempts = options.maxAttempts ?? 3;

  async function signedCall(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    retry: boolean,
    as: 'loyalty' | 'mobile' = 'loyalty',
  ) {
    const mobile = as === 'mobile' ? options.mobile : null;
    if (as === 'mobile' && !mobile) return err<SpendgoFailure>({ kind: 'credentials' });
    // The mobile API lives on the identity host (my.<ENV>.com), under the account's web context.
    const url = new URL((mobile ? options.idBase : options.apiBase) + path);
    const text = body === undefined ? '' : JSON.stringify(body);
    const uri = url.pathname + (options.signQuery ? url.search : '');
    const sign = mobile
      ? (mobileSigner ??= createSigner(mobile.apiSecret))
      : (signer ??= createSigner(options.apiSecret));
    const signature = await (await sign)(uri, text);
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-Class-Key': mobile ? mobile.apiKey : options.apiKey,
      'X-Class-Signature': signature,
    };
    return send({ operation, method, url: url.toString(), headers, retry, ...(text && { body: text }) });
  }

  /** One HTTP attempt; `status` is null for a timeout or network error. */
  async function attempt(call: Call, n: number): Promise<Attempt> {
    const started = Date.now();
    let status: number | null = null;
    try {
      const res = await options.fetch(call.url, {
        method: call.method,
        headers: call.headers,
        ...(call.body !== undefined && { body: call.body }),
        // Never follow a redirect: the key, the signature and codes would go to another host.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = res.status;
      const text = await res.text();
      return { status, json: parseJson(text), retryAfter: res.headers.get('Retry-After') };
    } catch {
      return { status: null, json: undefined, retryAfter: null };
    } finally {
      options.onAttempt?.({ operation: call.operation, attempt: n, status, ms: Date.now() - started });
    }
  }

  async function send(call: Call): Promise<Result<Raw, SpendgoFailure>> {
    const attempts = call.retry ? maxAttempts : 1;
    let lastStatus: number | null = null;
    for (let n = 1; n <= attempts; n++) {
      const result = await attempt(call, n);
      lastStatus = result.status;
      if (result.status !== null && !RETRYABLE.has(result.status))
        return classify({ status: result.status, json: result.json });
      if (n < attempts) await options.sleep(backoff(n, result.retryAfter));
    }
    return err({ kind: 'unavailable', status: lastStatus });
  }

  function backoff(attemptNumber: number, retryAfter: string | null): number {
    const hinted = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attemptNumber - 1));
    return Math.min(BACKOFF_CAP_MS, Math.max(hinted, Math.round(exponential * (0.5 + options.random() / 2))));
  }

  return {
    async balance(memberId) {
      const res = await signedCall(
        'balance',
        'GET',
        `/loyalty/accounts/${encodeURIComponent(memberId)}/balance`,
        undefined,
        true,
      );
      if (!res.ok) return res;
      return parsed(parseBalance(res.value.json));
    },

    async rewards(memberId, store) {
      const path = `/loyalty/accounts/${encodeURIComponent(memberId)}/rewards?store=${encodeURIComponent(store)}`;
      const res = await signedCall('rewards', 'GET', path, undefined, true);
      if (!res.ok) return res;
      return parsed(parseRewards(res.value.json));
    },

    async order(memberId, status, body) {
      const path = `/loyalty/accounts/${encodeURIComponent(memberId)}/orders`;
      const res = await signedCall(`order_${status}`, 'POST', path, body, status === 'checkout');
      if (!res.ok) return res;
      return parsed(parseTransaction(res.value.json));
    },

    async exchangeCode(code, redirectUri) {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: options.oauthClientId,
        client_secret: options.oauthClientSecret,
        redirect_uri: redirectUri,
        code,
      }).toString();
      const res = await send({
        operation: 'oauth_token',
        method: 'POST',
        url: `${options.idBase}/oauth2/v1/token`,
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        retry: false,
      });
      if (!res.ok) return res.error.kind === 'rejected' ? err({ kind: 'token_invalid' }) : res;
      return parsed(parseToken(res.value.json));
    },

    async member(accessToken) {
      const res = await send({
        operation: 'oauth_member',
        method: 'GET',
        url: `${options.memberBase}/oauth2/member/v1/get`,
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        retry: true,
      });
      if (!res.ok) return res;
      return parsed(parseMember(res.value.json));
    },

    async lookupMember(by) {
      const context = encodeURIComponent(options.mobile?.webContext ?? '');
      const res = await signedCall('mobile_lookup', 'POST', `/mobile/gen/${context}/v1/lookup`, by, true, 'mobile');
      if (!res.ok) return res;
      return parsed(parseLookup(res.value.json));
    },

    async createMember(customer) {
      const res = await signedCall('create_member', 'POST', '/loyalty/accounts', { customer }, false);
      if (!res.ok) return res;
      const id = parseCreatedMember(res.value.json);
      // 202 (waiting for email verification) has no id: never asked for here, so a bad answer.
      if (id === null || (res.value.status !== 200 && res.value.status !== 201)) return err({ kind: 'bad_response' });
      return ok({ id, created: res.value.status === 201 });
    },
  };
}

function parsed<T>(value: T | null): Result<T, SpendgoFailure> {
  return value === null ? err({ kind: 'bad_response' }) : ok(value);
}

/** Maps a final (non-retryable) answer to a value or a failure kind. */
function classify(raw: Raw): Result<Raw, SpendgoFailure> {
  if (raw.status >= 200 && raw.status < 300) {
    return raw.json === undefined ? err({ kind: 'bad_response' }) : ok(raw);
  }
  const body = spendgoErrorWire.safeParse(lowerKeys(raw.json)).data;
  const code = body?.code ?? null;
  if (raw.status === 401 && code !== null && code >= 1001 && code <= 1004) return err({ kind: 'credentials' });
  if (code === 1010 || code === 1011 || code === 1012) return err({ kind: 'token_invalid' });
  if (code === 4003 || raw.status === 404) return err({ kind: 'member_not_found' });
  if (code === 4002) return err({ kind: 'store_unknown' });
  if (raw.status === 401 || raw.status === 403) return err({ kind: 'credentials' });
  if (raw.status >= 400 && raw.status < 500) {
    return err({ kind: 'rejected', status: raw.status, code, details: body?.details ?? body?.message ?? '' });
  }
  return err({ kind: 'unavailable', status: raw.status });
}
