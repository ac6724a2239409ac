// What every route shares: CORS by exact origin, security headers, request ids, the body
// limit, rate limits, configuration errors, the error shape, and the OpenAPI document.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../src/index';
import { cart, CLIENT_ID, freshRateWindow, memberFetch, ORIGIN, proxy, PROXY, signIn } from './helpers';

describe('CORS', () => {
  it('answers a preflight from a registered origin, reflecting it', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key,dpop,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(res.headers.get('Access-Control-Allow-Headers')).toContain('DPoP');
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('refuses a preflight and a state-changing request from an unknown origin', async () => {
    const preflight = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.test' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const post = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { Origin: 'https://evil.test', 'Content-Type': 'application/json', 'Idempotency-Key': 'x' },
      body: JSON.stringify({ ...cart, client_id: CLIENT_ID }),
    });
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('exposes the headers a DPoP client must read', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/balance`, { headers: { Origin: ORIGIN } });
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('WWW-Authenticate');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('DPoP-Nonce');
  });

  it('gives no CORS headers to an unknown origin’s read', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/balance`, { headers: { Origin: 'https://evil.test' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('every response', () => {
  it.each(['/v1/balance', '/nope', '/oauth/jwks', '/openapi.json'])(
    '%s has a request id and security headers',
    async (path) => {
      const res = await proxy.fetch(`${PROXY}${path}`);
      expect(res.headers.get('X-Request-Id')).toMatch(/^[\w-]+$/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Strict-Transport-Security')).toContain('max-age');
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    },
  );

  it('errors are JSON with a stable code, a message, retryable and the request id', async () => {
    const res = await proxy.fetch(`${PROXY}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 'not_found',
        message: expect.any(String),
        retryable: false,
        request_id: res.headers.get('X-Request-Id'),
      },
    });
  });
});

describe('limits', () => {
  it('refuses a body over 32 KiB with 413', async () => {
    const res = await proxy.fetch(`${PROXY}/v1/checkout`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': 'big' },
      body: JSON.stringify({ ...cart, client_id: CLIENT_ID, pad: 'x'.repeat(40_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('rate-limits /oauth/* per IP with 429 and Retry-After; the caller cannot choose its bucket', async () => {
    const authorize = (clientId: string, ip: string) =>
      proxy.fetch(`${PROXY}/oauth/authorize?client_id=${clientId}&redirect_uri=y`, {
        headers: { 'CF-Connecting-IP': ip },
      });
    await freshRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) statuses.push((await authorize('x', '203.0.113.7')).status);
    expect(statuses.slice(0, 100).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const limited = await authorize('x', '203.0.113.7');
    expect(limited.headers.get('Retry-After')).toBe('1');
    // Under /oauth/* in RFC 6749's shape, as OAuth clients read errors.
    expect(await limited.json()).toEqual({
      error: 'rate_limited',
      error_description: expect.any(String),
      request_id: expect.any(String),
    });
    // Another address has its own allowance...
    expect((await authorize('x', '203.0.113.8')).status).toBe(400);
    // ...but from this one, naming a registered client, an invented one or sending an Origin
    // changes nothing: the bucket is the address's.
    expect((await authorize(CLIENT_ID, '203.0.113.7')).status).toBe(429);
    expect((await authorize('invented-id', '203.0.113.7')).status).toBe(429);
    const withOrigin = await proxy.fetch(`${PROXY}/oauth/token`, {
      method: 'POST',
      headers: { 'CF-Connecting-IP': '203.0.113.7', Origin: ORIGIN },
    });
    expect(withOrigin.status).toBe(429);
    // The public keys are not a sign-in: fetching them is not limited.
    expect((await proxy.fetch(`${PROXY}/oauth/jwks`, { headers: { 'CF-Connecting-IP': '203.0.113.7' } })).status).toBe(
      200,
    );
  });

  it('limits one sign-in’s member requests, from any number of addresses, and no other sign-in', async () => {
    const session = await signIn('1009029');
    await freshRateWindow();
    const statuses: number[] = [];
    // Each call comes from its own address (proxy.fetch): only the sign-in ties them together.
    for (let i = 0; i < 125; i++) statuses.push((await memberFetch(session, 'GET', '/v1/balance')).status);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const other = await signIn('1009033');
    expect((await memberFetch(other, 'GET', '/v1/balance')).status).toBe(200);
  });

  it('a guest checkout cannot escape its rate-limit bucket by leaving out its Origin', async () => {
    const guest = (origin: string | null) =>
      proxy.fetch(`${PROXY}/v1/checkout`, {
        method: 'POST',
        headers: {
          'CF-Connecting-IP': '203.0.113.9',
          'Content-Type': 'text/plain',
          ...(origin && { Origin: origin }),
        },
      });
    await freshRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 310; i++) statuses.push((await guest(i % 2 === 0 ? ORIGIN : null)).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await guest(null)).status).toBe(429);
    expect((await guest(ORIGIN)).status).toBe(429);
  });
});

async function withSettings(overrides: Record<string, string>, path: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${PROXY}${path}`), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('configuration', () => {
  it.each([
    ['SPENDGO_API_SECRET', 'not base64!'],
    ['WIDGET_CLIENTS', '[{"client_id":"x"}]'],
    ['WIDGET_CLIENTS', 'not json'],
    ['PROXY_SIGNING_KEY', '{"kty":"RSA"}'],
    ['PROXY_TOKEN_SECRET', 'c2hvcnQ='],
    ['PROXY_PUBLIC_URL', 'ftp://x'],
  ])('a malformed %s answers 500 naming the setting, never its value', async (setting, value) => {
    const res = await withSettings({ [setting]: value }, '/v1/balance');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'config_invalid', message: expect.stringContaining(setting) },
    });
    expect(text).not.toContain(value);
  });
});

describe('/openapi.json', () => {
  it('describes every route with schemas generated from the validators', async () => {
    const doc = await (
      await proxy.fetch(`${PROXY}/openapi.json`)
    ).json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/.well-known/openid-configuration',
        '/oauth/authorize',
        '/oauth/callback',
        '/oauth/jwks',
        '/oauth/revoke',
        '/oauth/token',
        '/oauth/userinfo',
        '/v1/balance',
        '/v1/checkout',
        '/v1/join',
        '/v1/rewards',
        '/v1/webhooks/test',
        '/v1/orders/{order_id}/events',
        '/v1/orders/{order_id}',
        '/v1/orders',
        '/v1/orders/{order_id}/events/{seq}/redrive',
        '/v1/orders/{order_id}/hold',
        '/v1/orders/{order_id}/events/{seq}/confirm',
      ].sort(),
    );
    const checkoutSchema = doc.paths['/v1/checkout']!['post']!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(checkoutSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['store', 'items', 'subtotal', 'reward', 'client_id']),
    );
  });
});

describe('every /oauth/* error is in RFC 6749’s shape', () => {
  const big = 'x'.repeat(40 * 1024);
  it.each([
    [
      'an oversized token request',
      '/oauth/token',
      { method: 'POST', body: big, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      413,
    ],
    ['userinfo without a token', '/oauth/userinfo', {}, 401],
    [
      'a token request that is not a form',
      '/oauth/token',
      { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } },
      400,
    ],
    ['an unknown /oauth route', '/oauth/nope', {}, 404],
  ])('%s', async (_, path, init: { method?: string; body?: string; headers?: Record<string, string> }, status) => {
    const res = await proxy.fetch(`${PROXY}${path}`, { ...init, headers: { Origin: ORIGIN, ...init.headers } });
    expect(res.status).toBe(status);
    const body = await res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['error', 'error_description', 'request_id']);
    expect(typeof body['error']).toBe('string');
  });
});
