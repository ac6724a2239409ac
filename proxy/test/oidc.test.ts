// The sign-in broker end to end against the sandbox: discovery, the round trip, and every way
// it must refuse (PKCE, code reuse, redirect URIs, denial, DPoP, refresh-token reuse, expiry).

import { env } from 'cloudflare:workers';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/env';
import { keysFor } from '../src/oidc/keys';
import { mintAccessToken } from '../src/oidc/tokens';
import {
  authorizeUrl,
  CLIENT_ID,
  dpopKey,
  login,
  memberFetch,
  ORIGIN,
  pkce,
  proof,
  proxy,
  PROXY,
  REDIRECT,
  resetSandbox,
  signIn,
  tokenRequest,
  SHOPS,
  upstreamCalls,
} from './helpers';

beforeEach(resetSandbox);

const manual = { redirect: 'manual' } as const;

describe('discovery', () => {
  it('publishes metadata and the ID-token key', async () => {
    const meta = await (await proxy.fetch(`${PROXY}/.well-known/openid-configuration`)).json<Record<string, unknown>>();
    expect(meta).toMatchObject({
      issuer: PROXY,
      authorization_endpoint: `${PROXY}/oauth/authorize`,
      token_endpoint: `${PROXY}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
      dpop_signing_alg_values_supported: ['ES256'],
    });
    const jwks = await (await proxy.fetch(`${PROXY}/oauth/jwks`)).json<{ keys: Record<string, unknown>[] }>();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('the round trip', () => {
  it('gives a DPoP-bound session with an ES256 ID token: opaque pairwise sub, given name, nonce', async () => {
    const session = await signIn('1009029');
    const jwks = await (await proxy.fetch(`${PROXY}/oauth/jwks`)).json<{ keys: [] }>();
    const { payload } = await jwtVerify(session.idToken, createLocalJWKSet(jwks), {
      issuer: PROXY,
      audience: CLIENT_ID,
    });
    expect(payload.given_name).toBe('Jordan');
    expect(payload.nonce).toBe('n-1');
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(payload)).not.toContain('1009029');
    // The access token is encrypted: nothing of the member is readable in the browser.
    expect(session.accessToken.split('.')).toHaveLength(5);
    expect(atob(session.accessToken.split('.')[0]!)).toContain('A256GCM');
    const userinfo = await memberFetch(session, 'GET', '/oauth/userinfo');
    expect(await userinfo.json()).toEqual({ sub: payload.sub, given_name: 'Jordan' });
  });

  it('sends Spendgo its own client and the one whitelisted callback, with the request sealed in state', async () => {
    const { challenge } = await pkce();
    const res = await proxy.fetch(authorizeUrl({ code_challenge: challenge }), manual);
    // A popup sign-in must keep its opener: no COOP on the redirect.
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBeNull();
    const to = new URL(res.headers.get('Location')!);
    expect(to.origin + to.pathname).toBe('http://spendgo.test/oauth2/v1/auth');
    expect(to.searchParams.get('client_id')).toBe('proxy-test-oauth');
    expect(to.searchParams.get('redirect_uri')).toBe('http://proxy.test/oauth/callback');
    expect(to.searchParams.get('scope')).toBe('user_profile');
    expect(to.searchParams.get('state')).not.toContain('state-abc');
    expect(to.searchParams.get('state')).not.toContain(REDIRECT);
  });

  it('the pairwise subject differs per client and is stable per member', async () => {
    const a = decodeJwt((await signIn('1009029')).idToken).sub;
    const again = decodeJwt((await signIn('1009029')).idToken).sub;
    const other = decodeJwt((await signIn('1009033')).idToken).sub;
    expect(again).toBe(a);
    expect(other).not.toBe(a);
  });

  it('a denied consent comes back to the storefront as access_denied with its state', async () => {
    const { back } = await login('1009033', { decision: 'deny' });
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-abc');
  });

  it('Spendgo failing during the callback comes back as an OAuth error, not a dead end', async () => {
    const { challenge } = await pkce();
    const start = await proxy.fetch(authorizeUrl({ code_challenge: challenge }), manual);
    const sealed = new URL(start.headers.get('Location')!).searchParams.get('state')!;
    const res = await proxy.fetch(`${PROXY}/oauth/callback?code=deadbeef&state=${encodeURIComponent(sealed)}`, manual);
    const back = new URL(res.headers.get('Location')!);
    expect(back.searchParams.get('error')).toBe('server_error');
    expect(back.searchParams.get('state')).toBe('state-abc');
  });

  it('a sealed state is single use: a replayed callback gets an error page and Spendgo is not asked again', async () => {
    const { challenge } = await pkce();
    const start = await proxy.fetch(authorizeUrl({ code_challenge: challenge }), manual);
    const sealed = new URL(start.headers.get('Location')!).searchParams.get('state')!;
    const callback = `${PROXY}/oauth/callback?code=deadbeef&state=${encodeURIComponent(sealed)}`;
    expect((await proxy.fetch(callback, manual)).status).toBe(302);
    const replay = await proxy.fetch(callback, manual);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('Location')).toBeNull();
    const exchanges = (await upstreamCalls()).filter((call) => call.path === '/oauth2/v1/token');
    expect(exchanges).toHaveLength(1);
  });

  it('names itself in every authorization response (RFC 9207 iss) and says so in its metadata', async () => {
    const { back } = await login('1009029');
    expect(back.searchParams.get('iss')).toBe(PROXY);
    const denied = await login('1009033', { decision: 'deny' });
    expect(denied.back.searchParams.get('iss')).toBe(PROXY);
    const metadata = await (await proxy.fetch(`${PROXY}/.well-known/openid-configuration`)).json();
    expect(metadata).toMatchObject({ authorization_response_iss_parameter_supported: true });
  });

  it('a forged or tampered state gets an error page', async () => {
    const res = await proxy.fetch(`${PROXY}/oauth/callback?code=abc&state=not-a-sealed-state`, manual);
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('expired');
  });
});

describe('authorize refuses', () => {
  const openRedirects = [
    'https://evil.test/cb',
    'https://shop-a.test/cb/../evil',
    'https://shop-a.test/cb?x=1',
    'https://shop-a.test/cb#frag',
    'https://shop-a.test.evil.test/cb',
    'https://shop-a.test@evil.test/cb',
    'http://shop-a.test/cb',
    'https://SHOP-A.test/cb',
    'https://shop-a.test/cb/',
    '//evil.test/cb',
    'javascript:alert(1)',
    'https://shop-b.test/cb',
    '',
  ];
  it.each(openRedirects)('redirect_uri %j with an error page and no redirect', async (redirect) => {
    const { challenge } = await pkce();
    const res = await proxy.fetch(authorizeUrl({ code_challenge: challenge, redirect_uri: redirect }), manual);
    expect(res.status).toBe(400);
    expect(res.headers.get('Location')).toBeNull();
  });

  it('an unknown client with an error page', async () => {
    const res = await proxy.fetch(authorizeUrl({ client_id: 'nobody', code_challenge: 'x'.repeat(43) }), manual);
    expect(res.status).toBe(400);
    // No store is known: no link anywhere, only what to do.
    const text = await res.text();
    expect(text).not.toContain('href=');
    expect(text).toContain('start signing in again');
  });

  it("its error pages say what to do, link back only to a store's registered origin, and run no script", async () => {
    const res = await proxy.fetch(
      authorizeUrl({ code_challenge: 'x'.repeat(43), redirect_uri: 'https://evil.test/cb' }),
      manual,
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('href="https://shop-a.test"');
    expect(text).not.toContain('evil.test');
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(text).toContain(`<style nonce="${nonce}">`);
  });

  it.each([
    ['no PKCE', { code_challenge: null }, 'invalid_request'],
    ['plain PKCE', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
    ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['response_type=token', { code_challenge: 'a'.repeat(43), response_type: 'token' }, 'unsupported_response_type'],
    ['no openid scope', { code_challenge: 'a'.repeat(43), scope: 'profile' }, 'invalid_scope'],
    ['no state', { code_challenge: 'a'.repeat(43), state: null }, 'invalid_request'],
  ])('%s with an OAuth error redirect to the storefront', async (_, params, error) => {
    const res = await proxy.fetch(authorizeUrl(params), manual);
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('Location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe(error);
  });
});

describe('the token endpoint refuses', () => {
  async function codeFor(member = '1009029') {
    const result = await login(member);
    return { ...result, code: result.back.searchParams.get('code')! };
  }

  it('a wrong PKCE verifier', async () => {
    const { code, key } = await codeFor();
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'w'.repeat(43) },
      key,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a reused code, and revokes the tokens the first use produced', async () => {
    const { code, key, verifier } = await codeFor();
    const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier };
    const first = await tokenRequest(params, key);
    expect(first.status).toBe(200);
    const { refresh_token } = await first.json<{ refresh_token: string }>();
    expect((await tokenRequest(params, key)).status).toBe(400);
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token }, key);
    expect(refresh.status).toBe(400);
  });

  it('a redirect_uri other than the authorize one', async () => {
    const { code, key, verifier } = await codeFor();
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: 'https://shop-a.test/other', code_verifier: verifier },
      key,
    );
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a code presented with a different DPoP key than the one bound at authorize', async () => {
    const { code, verifier } = await codeFor();
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      await dpopKey(),
    );
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('another client’s code', async () => {
    const { code, key, verifier } = await codeFor();
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: 'shop-b' },
      key,
      { origin: 'https://shop-b.test' },
    );
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a request from an origin not registered for the client', async () => {
    const { code, key, verifier } = await codeFor();
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      key,
      { origin: 'https://evil.test' },
    );
    expect(res.status).toBe(403);
  });

  it.each([
    ['no proof', null],
    ['a proof for another URL', 'htu'],
    ['a proof for another method', 'htm'],
    ['a stale proof', 'iat'],
    ['a proof with the wrong typ', 'typ'],
  ])('%s', async (_, defect) => {
    const { code, key, verifier } = await codeFor();
    const url = `${PROXY}/oauth/token`;
    const bad =
      defect === null
        ? null
        : await proof(key, 'POST', url, {
            ...(defect === 'htu' && { htu: `${PROXY}/oauth/other` }),
            ...(defect === 'htm' && { htm: 'GET' }),
            ...(defect === 'iat' && { iat: Math.floor(Date.now() / 1000) - 3600 }),
            ...(defect === 'typ' && { typ: 'JWT' }),
          });
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      key,
      { proof: bad },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_dpop_proof' });
  });

  it('JSON instead of a form', async () => {
    const res = await proxy.fetch(`${PROXY}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: '{}',
    });
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('refresh tokens', () => {
  it('rotate; a spent one presented again at once is refused without ending the sign-in', async () => {
    const session = await signIn('1009029');
    const first = await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }, session.key);
    expect(first.status).toBe(200);
    const rotated = await first.json<{ refresh_token: string; access_token: string }>();
    expect(rotated.refresh_token).not.toBe(session.refreshToken);
    const repeat = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: session.refreshToken },
      session.key,
    );
    expect(repeat.status).toBe(400);
    expect(await repeat.json()).toMatchObject({ error: 'invalid_grant' });
    // Inside the grace window a repeat is a lost race, not a theft: the newest token still works.
    expect((await memberFetch({ ...session, accessToken: rotated.access_token }, 'GET', '/v1/balance')).status).toBe(
      200,
    );
    const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token }, session.key);
    expect(next.status).toBe(200);
  });

  it('two refreshes racing with one token: one rotates, the other is refused, the member stays signed in', async () => {
    const session = await signIn('1009029');
    const race = await Promise.all(
      [1, 2].map(() => tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }, session.key)),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = await race.find((r) => r.status === 200)!.json<{ refresh_token: string; access_token: string }>();
    expect((await memberFetch({ ...session, accessToken: winner.access_token }, 'GET', '/v1/balance')).status).toBe(
      200,
    );
    const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: winner.refresh_token }, session.key);
    expect(next.status).toBe(200);
  });

  it("knowing a sign-in's family id is not enough to end it: a wrong secret is refused and changes nothing", async () => {
    const session = await signIn('1009029');
    const familyId = session.refreshToken.split('.')[0]!;
    const junk = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: `${familyId}.${'A'.repeat(43)}` },
      session.key,
    );
    expect(junk.status).toBe(400);
    expect((await memberFetch(session, 'GET', '/v1/balance')).status).toBe(200);
    const honest = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: session.refreshToken },
      session.key,
    );
    expect(honest.status).toBe(200);
  });

  it('are bound to the DPoP key; presenting one with another key revokes it', async () => {
    const session = await signIn('1009029');
    const stolen = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: session.refreshToken },
      await dpopKey(),
    );
    expect(stolen.status).toBe(400);
    expect(
      (await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }, session.key)).status,
    ).toBe(400);
  });

  it('stop working after sign-out (revoke), and so does the access token, at once', async () => {
    const session = await signIn('1009029');
    expect((await memberFetch(session, 'GET', '/v1/balance')).status).toBe(200);
    const revoke = await proxy.fetch(`${PROXY}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ token: session.refreshToken, client_id: CLIENT_ID }),
    });
    expect(revoke.status).toBe(200);
    expect(
      (await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }, session.key)).status,
    ).toBe(400);
    const after = await memberFetch(session, 'GET', '/v1/balance');
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({
      error: { code: 'invalid_token', message: expect.stringMatching(/ended/) },
    });
  });
});

describe('the grace window after a rotation is no shelter for a thief', () => {
  /** A signed-in member whose refresh token was just rotated: the spent token and the newest access token. */
  async function rotated() {
    const session = await signIn('1009029');
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }, session.key);
    expect(res.status).toBe(200);
    const next = await res.json<{ access_token: string }>();
    return { session, spent: session.refreshToken, newest: { ...session, accessToken: next.access_token } };
  }

  it('the spent token with another DPoP key inside the window ends the sign-in', async () => {
    const { spent, newest } = await rotated();
    const stolen = await tokenRequest({ grant_type: 'refresh_token', refresh_token: spent }, await dpopKey());
    expect(stolen.status).toBe(400);
    expect((await memberFetch(newest, 'GET', '/v1/balance')).status).toBe(401);
  });

  it('a sign-out with the spent token inside the window ends the sign-in', async () => {
    const { spent, newest } = await rotated();
    const revoke = await proxy.fetch(`${PROXY}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ token: spent, client_id: CLIENT_ID }),
    });
    expect(revoke.status).toBe(200);
    expect((await memberFetch(newest, 'GET', '/v1/balance')).status).toBe(401);
  });
});

describe('access tokens on resource routes', () => {
  it('refuses Bearer use of a DPoP-bound token', async () => {
    const session = await signIn('1009029');
    const res = await proxy.fetch(`${PROXY}/v1/balance`, {
      headers: { Authorization: `Bearer ${session.accessToken}`, Origin: ORIGIN },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toContain('DPoP');
  });

  it('refuses a replayed proof', async () => {
    const session = await signIn('1009029');
    const url = `${PROXY}/v1/balance`;
    const headers = {
      Authorization: `DPoP ${session.accessToken}`,
      DPoP: await proof(session.key, 'GET', url, { accessToken: session.accessToken }),
      Origin: ORIGIN,
    };
    expect((await proxy.fetch(url, { headers })).status).toBe(200);
    const replay = await proxy.fetch(url, { headers });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'invalid_dpop_proof' } });
  });

  it.each([
    ['made with another key', 'key'],
    ['without ath', 'ath'],
    ['for another URL', 'htu'],
  ])('refuses a proof %s', async (_, defect) => {
    const session = await signIn('1009029');
    const url = `${PROXY}/v1/balance`;
    const signer = defect === 'key' ? await dpopKey() : session.key;
    const dpop = await proof(signer, 'GET', url, {
      ...(defect !== 'ath' && { accessToken: session.accessToken }),
      ...(defect === 'htu' && { htu: `${PROXY}/v1/rewards` }),
    });
    const res = await proxy.fetch(url, {
      headers: { Authorization: `DPoP ${session.accessToken}`, DPoP: dpop, Origin: ORIGIN },
    });
    expect(res.status).toBe(401);
  });

  it('refuses an expired access token', async () => {
    const config = readConfig(env);
    if (!config.ok) throw new Error('test config invalid');
    const key = await dpopKey();
    const expired = await mintAccessToken(
      await keysFor(config.value),
      PROXY,
      {
        memberId: '1009029',
        clientId: CLIENT_ID,
        account: 'default',
        familyId: 'f'.repeat(22),
        givenName: 'J',
        jkt: key.jkt,
      },
      Math.floor(Date.now() / 1000) - 3600,
    );
    const res = await memberFetch(
      { accessToken: expired, refreshToken: '', idToken: '', key, shop: SHOPS.a },
      'GET',
      '/v1/balance',
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('refuses a valid token whose sign-in the proxy does not hold', async () => {
    const config = readConfig(env);
    if (!config.ok) throw new Error('test config invalid');
    const key = await dpopKey();
    const orphan = await mintAccessToken(
      await keysFor(config.value),
      PROXY,
      {
        memberId: '1009029',
        clientId: CLIENT_ID,
        account: 'default',
        familyId: 'g'.repeat(22),
        givenName: 'J',
        jkt: key.jkt,
      },
      Math.floor(Date.now() / 1000),
    );
    const res = await memberFetch(
      { accessToken: orphan, refreshToken: '', idToken: '', key, shop: SHOPS.a },
      'GET',
      '/v1/balance',
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('refuses a token from another origin than its client’s', async () => {
    const session = await signIn('1009029');
    const res = await memberFetch(session, 'GET', '/v1/balance', { headers: { Origin: 'https://shop-b.test' } });
    expect(res.status).toBe(403);
    expect((await upstreamCalls()).filter((c) => c.path.endsWith('/balance'))).toEqual([]);
  });
});

describe('form bodies in any charset', () => {
  const form = (contentType: string, body: Record<string, string>, path = '/oauth/token') =>
    proxy.fetch(`${PROXY}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: ORIGIN },
      body: new URLSearchParams({ client_id: CLIENT_ID, ...body }),
    });

  it.each([
    ['/oauth/token', 'application/x-www-form-urlencoded; charset=iso-8859-1'],
    ['/oauth/token', 'application/x-www-form-urlencoded;charset=windows-1252'],
    ['/oauth/revoke', 'application/x-www-form-urlencoded; charset=iso-8859-1'],
    ['/oauth/revoke', 'application/x-www-form-urlencoded; boundary=x'],
  ])('%s refuses %s with an OAuth error, never a 500', async (path, type) => {
    const res = await form(type, { grant_type: 'refresh_token', refresh_token: 'x', token: 'x' }, path);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('takes an explicit UTF-8 charset, quoted or not, in any case', async () => {
    const session = await signIn('1009029');
    const url = `${PROXY}/oauth/token`;
    const res = await proxy.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset="UTF-8"',
        Origin: ORIGIN,
        DPoP: await proof(session.key, 'POST', url),
      },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        grant_type: 'refresh_token',
        refresh_token: session.refreshToken,
      }),
    });
    expect(res.status).toBe(200);
  });
});
