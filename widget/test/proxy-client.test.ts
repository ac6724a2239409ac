import { expect } from '@open-wc/testing';
import { createProxyClient, type Credentials } from '../src/api/proxy-client';

/** Credentials that record the nonces they are given and put the latest in each "proof". */
function credentials() {
  const nonces: string[] = [];
  const c = {
    nonces,
    refreshes: 0,
    headers: (method: string, url: string): Promise<Record<string, string>> =>
      Promise.resolve({ Authorization: 'DPoP at', DPoP: `${method} ${url} nonce=${nonces.at(-1) ?? '-'}` }),
    noteNonce: (nonce: string) => {
      nonces.push(nonce);
    },
    refresh: () => {
      c.refreshes++;
      return Promise.resolve(true);
    },
  } satisfies Credentials & { nonces: string[]; refreshes: number };
  return c;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const challenge = (nonce: string) =>
  json(
    401,
    { error: { code: 'use_dpop_nonce', message: 'Use the nonce.', retryable: false } },
    { 'DPoP-Nonce': nonce },
  );

describe('proxy client and DPoP nonces', () => {
  it('sends again once with the nonce a challenge brings, without refreshing', async () => {
    const sent: string[] = [];
    const answers = [challenge('n1'), json(200, { points: 1 }, { 'DPoP-Nonce': 'n2' })];
    const client = createProxyClient('https://proxy.test', 'shop', (_url, init) => {
      sent.push(new Headers(init?.headers).get('DPoP') ?? '');
      return Promise.resolve(answers.shift()!);
    });
    const c = credentials();
    expect(await client.balance(c)).to.deep.equal({ points: 1 });
    expect(sent).to.deep.equal([
      'GET https://proxy.test/v1/balance nonce=-',
      'GET https://proxy.test/v1/balance nonce=n1',
    ]);
    expect(c.nonces).to.deep.equal(['n1', 'n2']);
    expect(c.refreshes).to.equal(0);
  });

  it('does not loop when the proxy challenges again', async () => {
    let calls = 0;
    const client = createProxyClient('https://proxy.test', 'shop', () => {
      calls++;
      return Promise.resolve(challenge(`n${calls}`));
    });
    let code = '';
    try {
      await client.balance(credentials());
    } catch (error) {
      code = (error as { code: string }).code;
    }
    expect(code).to.equal('use_dpop_nonce');
    expect(calls).to.equal(2);
  });
});

describe('proxy client when the browser blocks the answer', () => {
  it('tells an unregistered origin (the proxy is reachable) from the network, and warns the developer once', async () => {
    // A real cross-origin server without CORS headers: this test server under its other loopback name.
    const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const client = createProxyClient(`${location.protocol}//${other}:${location.port}`, 'shop-x');
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const codes: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        try {
          await client.checkout(null, { store: '1', items: [], subtotal: 0 }, 'k');
        } catch (error) {
          codes.push((error as { code: string }).code);
        }
      }
    } finally {
      console.warn = warn;
    }
    expect(codes).to.deep.equal(['origin_not_allowed', 'origin_not_allowed']);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain(location.origin).and.contain('"shop-x"').and.contain('WIDGET_CLIENTS');
  });

  it('reports the network when the proxy cannot be reached at all', async () => {
    const client = createProxyClient('https://proxy.test', 'shop', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    let code = '';
    try {
      await client.balance(credentials());
    } catch (error) {
      code = (error as { code: string }).code;
    }
    expect(code).to.equal('network_error');
  });
});
