// The merchant client against a scripted proxy: what it retries (and with which key and
// signature), what it never retries, its timeout, its typed errors with the request id, and
// reading webhooks with constructEvent, rotation included.

import { describe, expect, it } from 'vitest';
import { signWebhook } from '../shared/webhook-signature.ts';
import {
  constructEvent,
  createMerchantClient,
  MerchantApiError,
  MerchantConflictError,
  MerchantConnectionError,
  MerchantServerError,
  WebhookSignatureError,
} from './client.ts';

type Reply = Response | 'hang';

function scripted(replies: Reply[]) {
  const seen: { headers: Headers; body: string | null }[] = [];
  const sleeps: number[] = [];
  const fetch = (async (_input: string | URL | Request, init?: RequestInit) => {
    seen.push({ headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? init.body : null });
    const next = replies.shift();
    if (!next) throw new Error('no scripted reply left');
    if (next === 'hang')
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(new DOMException('The operation timed out.', 'TimeoutError'));
        });
      });
    return next;
  }) as typeof globalThis.fetch;
  const client = createMerchantClient({
    proxyUrl: 'https://proxy.test',
    clientId: 'shop-a',
    secret: 'merchant-secret-for-the-client-tests',
    fetch,
    timeoutMs: 50,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { client, seen, sleeps };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const failure = (status: number, code: string, retryable: boolean) =>
  json(status, { error: { code, message: code, retryable } }, { 'X-Request-Id': `req-${code}` });
const accepted = () => json(202, { event: { seq: 1, type: 'completed', state: 'pending' }, order: {} });

describe('retries', () => {
  it('tries a retryable failure again with the same Idempotency-Key and a fresh signature', async () => {
    const { client, seen, sleeps } = scripted([
      failure(503, 'upstream_unavailable', true),
      new Response('<html>', { status: 200 }),
      accepted(),
    ]);
    await client.completed('A-1');
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers.get('Idempotency-Key')))).toEqual(new Set(['A-1:completed']));
    expect(new Set(seen.map((s) => s.headers.get('Spendgo-Loyalty-Signature'))).size).toBe(3);
    // Full jitter at half the ceiling: 250 ms, then 500 ms.
    expect(sleeps).toEqual([125, 250]);
  });

  it('gives every answer the request id the proxy logged it under', async () => {
    const { client } = scripted([
      json(200, { order_id: 'A-1', status: 'placed' }, { 'X-Request-Id': 'req-get' }),
      json(200, { orders: [], next_cursor: null }),
    ]);
    await expect(client.get('A-1')).resolves.toMatchObject({ order_id: 'A-1', requestId: 'req-get' });
    await expect(client.list()).resolves.toMatchObject({ orders: [], requestId: null });
  });

  it('waits what Retry-After says, capped', async () => {
    const { client, sleeps } = scripted([
      json(429, { error: { code: 'rate_limited', message: 'slow down', retryable: true } }, { 'Retry-After': '2' }),
      accepted(),
    ]);
    await client.completed('A-1');
    expect(sleeps).toEqual([2000]);
  });

  it('never retries a refusal: a 409 is a MerchantConflictError with its request id and order', async () => {
    const { client, seen } = scripted([failure(409, 'invalid_transition', false)]);
    const error = await client.completed('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantConflictError);
    expect(error).toBeInstanceOf(MerchantApiError);
    expect(error).toMatchObject({ status: 409, code: 'invalid_transition', requestId: 'req-invalid_transition' });
    expect(seen).toHaveLength(1);
  });

  it('gives up after three attempts with the last error', async () => {
    const { client, seen } = scripted([
      failure(503, 'upstream_unavailable', true),
      failure(503, 'upstream_unavailable', true),
      failure(502, 'upstream_bad_response', true),
    ]);
    const error = await client.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantServerError);
    expect(error).toMatchObject({ code: 'upstream_bad_response' });
    expect(seen).toHaveLength(3);
  });

  it('times each attempt out, as a retryable MerchantConnectionError', async () => {
    const { client, seen } = scripted(['hang', 'hang', 'hang']);
    const error = await client.get('A-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantConnectionError);
    expect(error).toMatchObject({ status: 0, code: 'timeout', retryable: true, requestId: null });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a test webhook (each attempt would send one)', async () => {
    const { client, seen } = scripted([failure(503, 'internal_error', true)]);
    await expect(client.testWebhook()).rejects.toBeInstanceOf(MerchantServerError);
    expect(seen).toHaveLength(1);
  });
});

describe('webhooks.constructEvent', () => {
  const event = { id: 'whevt_1', type: 'order.completed', client_id: 'shop-a', data: {} };
  const body = JSON.stringify(event);
  const now = 1_800_000_000;

  it('returns the typed event when the signature verifies, with the old secret during a rotation', async () => {
    const header = await signWebhook('old-webhook-secret', body, now);
    await expect(constructEvent(body, header, 'old-webhook-secret', now)).resolves.toEqual(event);
    await expect(constructEvent(body, header, ['new-webhook-secret', 'old-webhook-secret'], now)).resolves.toEqual(
      event,
    );
  });

  it('verifies a delivery signed with both secrets while the proxy rotates, holding either one', async () => {
    const header = await signWebhook(['new-webhook-secret', 'old-webhook-secret'], body, now);
    expect(header.match(/v1=/g)).toHaveLength(2);
    await expect(constructEvent(body, header, 'old-webhook-secret', now)).resolves.toEqual(event);
    await expect(constructEvent(body, header, 'new-webhook-secret', now)).resolves.toEqual(event);
    await expect(constructEvent(body, header, 'third-webhook-secret', now)).rejects.toMatchObject({
      reason: 'mismatch',
    });
    const padded = `${header}${',v1='.concat('0'.repeat(64)).repeat(4)}`;
    await expect(constructEvent(body, padded, 'old-webhook-secret', now)).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('throws WebhookSignatureError for another secret, an edited body, a stale or missing header', async () => {
    const header = await signWebhook('old-webhook-secret', body, now);
    const refusal = (p: Promise<unknown>) => p.catch((e: unknown) => (e as WebhookSignatureError).reason);
    await expect(refusal(constructEvent(body, header, 'new-webhook-secret', now))).resolves.toBe('mismatch');
    await expect(refusal(constructEvent(`${body} `, header, 'old-webhook-secret', now))).resolves.toBe('mismatch');
    await expect(refusal(constructEvent(body, header, 'old-webhook-secret', now + 3600))).resolves.toBe('stale');
    await expect(refusal(constructEvent(body, undefined, 'old-webhook-secret', now))).resolves.toBe('missing');
    await expect(constructEvent(body, undefined, 'x', now)).rejects.toBeInstanceOf(WebhookSignatureError);
  });
});
