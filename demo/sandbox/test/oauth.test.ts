// Spendgo's OAuth as the sandbox serves it: sign-in and consent pages, error redirects, the
// form-encoded token endpoint with single-use codes, and the member endpoint.

import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, json, resetSandbox, sandbox } from './helpers';

const CLIENT_ID = 'test_spendgo_oauth2';
const CLIENT_SECRET = 'c2FuZGJveC1vYXV0aC1jbGllbnQtc2VjcmV0LWRlbW8=';
const REDIRECT = 'http://127.0.0.1:8787/oauth/callback';

beforeEach(resetSandbox);

function authorizeUrl(overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    state: 'st-123',
    scope: 'user_profile',
    ...overrides,
  };
  const url = new URL(`${BASE}/oauth2/v1/auth`);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

function form(values: Record<string, string>): RequestInit {
  return { method: 'POST', body: new URLSearchParams(values), redirect: 'manual' };
}

async function requestId(page: Response): Promise<string> {
  const match = /name="request" value="([0-9a-f]{32})"/.exec(await page.text());
  if (!match?.[1]) throw new Error('no request id on the page');
  return match[1];
}

/** Walks the pages as a person would: choose the member, then allow or deny if asked. */
async function signIn(memberId: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await sandbox.fetch(authorizeUrl());
  const request = await requestId(page);
  const afterSignIn = await sandbox.fetch(`${BASE}/oauth2/v1/auth/sign-in`, form({ request, member: memberId }));
  if (afterSignIn.status === 302) return new URL(afterSignIn.headers.get('Location')!);
  expect(await afterSignIn.text()).toContain('Allow');
  const afterConsent = await sandbox.fetch(`${BASE}/oauth2/v1/auth/consent`, form({ request, decision }));
  expect(afterConsent.status).toBe(302);
  return new URL(afterConsent.headers.get('Location')!);
}

function tokenRequest(code: string, overrides: Record<string, string> = {}) {
  return sandbox.fetch(`${BASE}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT,
      code,
      ...overrides,
    }),
  });
}

describe('the sign-in pages', () => {
  it('lists registered demo members under a strict CSP, and never the starter member', async () => {
    const page = await sandbox.fetch(authorizeUrl());
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    const text = await page.text();
    expect(text).toContain('Jordan Lee');
    expect(text).toContain('Riley Kim');
    // Only this OAuth client's account's members: Morgan belongs to the Shop With Points account.
    expect(text).not.toContain('Morgan Patel');
    expect(text).not.toContain('1009034');
    expect(text).toContain('<legend>Demo members</legend>');
  });

  it('escapes what the client sent', async () => {
    const page = await sandbox.fetch(authorizeUrl({ state: '<script>alert(1)</script>' }));
    expect(await page.text()).not.toContain('<script>alert(1)</script>');
  });

  it.each([
    ['an unknown client', { client_id: 'nobody' }],
    ['a redirect_uri that is not whitelisted', { redirect_uri: 'https://evil.example/cb' }],
    ['a redirect_uri that only starts like a whitelisted one', { redirect_uri: `${REDIRECT}/../../evil` }],
  ])('shows an error page, with no redirect, for %s', async (_, overrides) => {
    const res = await sandbox.fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
  });

  it.each([
    ['response_type is not code', { response_type: 'token' }, 'unsupported_response_type'],
    ['state is missing', { state: null }, 'invalid_request'],
    ['the scope lacks user_profile', { scope: 'openid' }, 'invalid_scope'],
  ])('redirects with an OAuth error when %s', async (_, overrides, error) => {
    const res = await sandbox.fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('Location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe(error);
  });
});

describe('the whole round trip', () => {
  it('consent, code, token, member; consent is asked only once', async () => {
    const back = await signIn('1009029');
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{40}$/);
    const token = await tokenRequest(code);
    expect(token.status).toBe(200);
    expect(token.headers.get('Cache-Control')).toBe('no-store');
    const { access_token } = await json<{ access_token: string }>(token);
    const member = await sandbox.fetch(`${BASE}/oauth2/member/v1/get`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    expect(await json(member)).toEqual({
      id: '1009029',
      first_name: 'Jordan',
      last_name: 'Lee',
      email: 'jordan.lee@example.com',
      mobile_phone: '4155550100',
      dob: null,
    });
    const second = await signIn('1009029');
    expect(second.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('denial comes back as access_denied with the state', async () => {
    const back = await signIn('1009033', 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('a code works once', async () => {
    const code = (await signIn('1009029')).searchParams.get('code')!;
    expect((await tokenRequest(code)).status).toBe(200);
    const again = await tokenRequest(code);
    expect(again.status).toBe(400);
    expect(await json(again)).toMatchObject({ code: 2000 });
  });

  it.each([
    ['a wrong client secret', { client_secret: 'wrong' }, 401],
    ['another redirect_uri', { redirect_uri: 'http://localhost:8787/oauth/callback' }, 400],
    ['another grant type', { grant_type: 'refresh_token' }, 400],
  ])('refuses %s', async (_, overrides, status) => {
    const code = (await signIn('1009029')).searchParams.get('code')!;
    expect((await tokenRequest(code, overrides)).status).toBe(status);
  });

  it('refuses a JSON token request (A6)', async () => {
    const code = (await signIn('1009029')).searchParams.get('code')!;
    const res = await sandbox.fetch(`${BASE}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uri: REDIRECT,
        code,
      }),
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 2000 });
  });

  it.each([
    ['no header', {}],
    ['an unknown token', { Authorization: `Bearer ${'ab'.repeat(32)}` }],
    ['a malformed header', { Authorization: 'Basic abc' }],
  ])('the member endpoint answers 401/1011 for %s', async (_, headers) => {
    const res = await sandbox.fetch(`${BASE}/oauth2/member/v1/get`, { headers });
    expect(res.status).toBe(401);
    expect(await json(res)).toMatchObject({ code: 1011 });
  });

  it('a forged sign-in form is refused', async () => {
    const res = await sandbox.fetch(
      `${BASE}/oauth2/v1/auth/sign-in`,
      form({ request: 'f'.repeat(32), member: '1009029' }),
    );
    expect(res.status).toBe(400);
    const starter = await sandbox.fetch(
      `${BASE}/oauth2/v1/auth/sign-in`,
      form({ request: await requestId(await sandbox.fetch(authorizeUrl())), member: '1009034' }),
    );
    expect(starter.status).toBe(400);
  });
});
