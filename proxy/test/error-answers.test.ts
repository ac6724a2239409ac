// Errors that say what to fix: every error answer has a stable code and the request's id (the
// same as X-Request-Id and the request's log line, which carries the code too), and a page on a
// registered origin can read it, even when the answer comes before a part's own CORS (a body too
// large, a broken configuration). An unregistered origin still reads nothing, and the console
// stays same-origin.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../src/index';
import { capturedLogs } from './canary';
import { cart, ORIGIN, proxy, PROXY } from './helpers';

interface ErrorAnswer {
  error: { code: string; message: string; retryable: boolean; request_id: string };
}

/** The request log line the proxy wrote for `requestId`. */
function logLineOf(requestId: string): Record<string, unknown> | undefined {
  return capturedLogs()
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line['msg'] === 'request' && line['request_id'] === requestId);
}

async function expectReadableError(res: Response, code: string, origin: string) {
  const body = await res.json<ErrorAnswer>();
  const requestId = res.headers.get('X-Request-Id')!;
  expect(body.error).toMatchObject({ code, request_id: requestId });
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');
  expect(logLineOf(requestId)).toMatchObject({ code, status: res.status });
}

describe('error answers', () => {
  it('a body too large is readable by the registered page, with its code and request id', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ pad: 'x'.repeat(40_000) }),
    });
    expect(res.status).toBe(413);
    await expectReadableError(res, 'payload_too_large', ORIGIN);
  });

  it('an unknown route and an unknown client are readable too', async () => {
    const route = await proxy.fetch(`${PROXY}/v1/no-such-route`, { headers: { Origin: ORIGIN } });
    expect(route.status).toBe(404);
    await expectReadableError(route, 'not_found', ORIGIN);

    const client = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ ...cart, client_id: 'shop-typo' }),
    });
    expect(client.status).toBe(400);
    await expectReadableError(client, 'unknown_client', ORIGIN);
  });

  it('an unregistered origin reads no error; the console and the merchant API give a page none', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/no-such-route`, { headers: { Origin: 'https://evil.test' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    for (const path of ['/console/nope', '/v1/orders/A-1', '/v1/webhooks/test']) {
      const refused = await proxy.fetch(`${PROXY}${path}`, { headers: { Origin: ORIGIN } });
      expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
  });

  it('a broken configuration is readable from the page (it names the setting, never a value) and logged', async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${PROXY}/v1/balance`, { headers: { Origin: ORIGIN } }),
      { ...env, PROXY_TOKEN_SECRET: undefined },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    const requestId = res.headers.get('X-Request-Id')!;
    const body = await res.json<ErrorAnswer>();
    expect(body.error).toMatchObject({ code: 'config_invalid', request_id: requestId });
    expect(body.error.message).toContain('PROXY_TOKEN_SECRET');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(logLineOf(requestId)).toMatchObject({ code: 'config_invalid', status: 500 });
    const detail = capturedLogs().find((l) => l.includes('"msg":"config_invalid"') && l.includes(requestId));
    expect(detail).toContain('"setting":"PROXY_TOKEN_SECRET"');
  });

  it('an OAuth error keeps RFC 6749’s shape and adds the request id', async () => {
    const res = await proxy.fetch(`${PROXY}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: 'grant_type=nope',
    });
    const body = await res.json<{ error: string; error_description: string; request_id: string }>();
    expect(body).toMatchObject({ error: expect.any(String), request_id: res.headers.get('X-Request-Id') });
  });
});
