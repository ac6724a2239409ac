// DPoP server nonces (RFC 9449 §8, §9) end to end: a proof without the proxy's nonce, with a
// made-up one or with one too old is refused with a fresh nonce, before anything is used up (a
// code, a refresh token); a proof made long ago and dated ahead cannot be kept for later.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/env';
import { currentNonce, DPOP_NONCE_PERIOD_SECONDS } from '../src/oidc/dpop-nonce';
import { keysFor } from '../src/oidc/keys';
import {
  freshNonce,
  login,
  ORIGIN,
  proof,
  proxy,
  PROXY,
  REDIRECT,
  resetSandbox,
  signIn,
  tokenRequest,
  type Session,
} from './helpers';

beforeEach(resetSandbox);

const now = () => Math.floor(Date.now() / 1000);

async function nonceFrom(secondsAgo: number): Promise<string> {
  const config = readConfig(env);
  if (!config.ok) throw new Error('test config invalid');
  return currentNonce((await keysFor(config.value)).nonceKey, now() - secondsAgo);
}

async function balanceWith(session: Session, nonce: string | null, iat?: number): Promise<Response> {
  const url = `${PROXY}/v1/balance`;
  return proxy.fetch(url, {
    headers: {
      Authorization: `DPoP ${session.accessToken}`,
      DPoP: await proof(session.key, 'GET', url, {
        accessToken: session.accessToken,
        nonce,
        ...(iat !== undefined && { iat }),
      }),
      Origin: ORIGIN,
    },
  });
}

async function expectNonceChallenge(res: Response): Promise<string> {
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toContain('error="use_dpop_nonce"');
  expect(await res.json()).toMatchObject({ error: { code: 'use_dpop_nonce' } });
  const nonce = res.headers.get('DPoP-Nonce');
  expect(nonce).toBeTruthy();
  return nonce!;
}

describe('member requests', () => {
  it('without a nonce are challenged with one, which then works and is renewed on the answer', async () => {
    const session = await signIn('1009029');
    const nonce = await expectNonceChallenge(await balanceWith(session, null));
    const res = await balanceWith(session, nonce);
    expect(res.status).toBe(200);
    expect(res.headers.get('DPoP-Nonce')).toBeTruthy();
  });

  it.each([
    [
      'a made-up nonce',
      () => Promise.resolve(`${Math.floor(now() / DPOP_NONCE_PERIOD_SECONDS).toString(36)}.${'A'.repeat(43)}`),
    ],
    ['a nonce from another server', () => Promise.resolve('a-nonce-someone-else-issued')],
    ['a nonce issued over a minute ago', () => nonceFrom(2 * DPOP_NONCE_PERIOD_SECONDS + 1)],
  ])('with %s are challenged', async (_, nonce) => {
    const session = await signIn('1009029');
    await expectNonceChallenge(await balanceWith(session, await nonce()));
  });

  it('a proof made over a minute ago and dated ahead (within the iat window) cannot be used now', async () => {
    const session = await signIn('1009029');
    // What a script on the page could have made 70 s ago with the nonce it had then.
    const kept = await balanceWith(session, await nonceFrom(70), now() + 50);
    await expectNonceChallenge(kept);
  });

  it('a nonce from the previous period still works (the client has ~30 s to use it)', async () => {
    const session = await signIn('1009029');
    const res = await balanceWith(session, await nonceFrom(DPOP_NONCE_PERIOD_SECONDS));
    expect(res.status).toBe(200);
  });
});

describe('the token endpoint', () => {
  it('challenges a code exchange without a nonce and leaves the code usable', async () => {
    const { back, verifier, key } = await login('1009029');
    const params = {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const url = `${PROXY}/oauth/token`;
    const first = await tokenRequest(params, key, { proof: await proof(key, 'POST', url, { nonce: null }) });
    expect(first.status).toBe(400);
    expect(await first.json()).toMatchObject({ error: 'use_dpop_nonce' });
    const nonce = first.headers.get('DPoP-Nonce');
    expect(nonce).toBeTruthy();
    const second = await tokenRequest(params, key, { proof: await proof(key, 'POST', url, { nonce }) });
    expect(second.status).toBe(200);
    expect(second.headers.get('DPoP-Nonce')).toBeTruthy();
  });

  it('challenges a refresh without a nonce and leaves the refresh token unspent', async () => {
    const session = await signIn('1009029');
    const url = `${PROXY}/oauth/token`;
    const params = { grant_type: 'refresh_token', refresh_token: session.refreshToken };
    const stale = await tokenRequest(params, session.key, {
      proof: await proof(session.key, 'POST', url, { nonce: await nonceFrom(90) }),
    });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: 'use_dpop_nonce' });
    const retried = await tokenRequest(params, session.key, {
      proof: await proof(session.key, 'POST', url, { nonce: stale.headers.get('DPoP-Nonce') }),
    });
    expect(retried.status).toBe(200);
  });

  it('sends a nonce only with a success or a nonce challenge (oidc-client-ts retries any refusal that has one)', async () => {
    const session = await signIn('1009029');
    const res = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: `${session.refreshToken}x` },
      session.key,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    expect(res.headers.get('DPoP-Nonce')).toBeNull();
    expect(await freshNonce()).toBeTruthy();
  });
});
