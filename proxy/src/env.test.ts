import { describe, expect, it } from 'vitest';
import { accountOf, readConfig } from './env';

// The smallest valid configuration: one widget client, the default account.
const base = {
  SPENDGO_API_BASE: 'http://spendgo.test',
  SPENDGO_ID_BASE: 'http://spendgo.test',
  SPENDGO_API_KEY: 'key',
  SPENDGO_API_SECRET: 'c2VjcmV0',
  SPENDGO_ACCOUNT_ID: '33559',
  SPENDGO_OAUTH_CLIENT_ID: 'oauth',
  SPENDGO_OAUTH_CLIENT_SECRET: 'oauth-secret',
  PROXY_PUBLIC_URL: 'http://proxy.test',
  PROXY_SIGNING_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }),
  PROXY_TOKEN_SECRET: btoa('k'.repeat(32)),
  WIDGET_CLIENTS: JSON.stringify([
    { client_id: 'shop', origins: ['https://shop.test'], redirect_uris: ['https://shop.test/'], stores: ['1'] },
  ]),
};
const market = { id: 'market', account_id: '33562', api_key: 'key-m', oauth_client_id: 'oauth-m' };
const marketSecrets = { market: { api_secret: 'bWFya2V0', oauth_client_secret: 'oauth-m-secret' } };
const clients = (...list: object[]) =>
  JSON.stringify(
    list.map((c) => ({ origins: ['https://shop.test'], redirect_uris: ['https://shop.test/'], stores: ['1'], ...c })),
  );

// readConfig caches per env object; each case builds a fresh one.
const read = (overrides: Record<string, string | undefined>) => readConfig({ ...base, ...overrides });

describe('Spendgo accounts', () => {
  it('one account stays the simple default: the SPENDGO_* settings, used by every client that names none', () => {
    const result = read({});
    if (!result.ok) throw new Error(result.error.setting);
    const client = result.value.clients.get('shop')!;
    expect(accountOf(result.value, client)).toMatchObject({ id: 'default', accountId: '33559', apiKey: 'key' });
  });

  it('more accounts come from SPENDGO_ACCOUNTS with their secrets apart; each client names its own', () => {
    const result = read({
      SPENDGO_ACCOUNTS: JSON.stringify([market]),
      SPENDGO_ACCOUNT_SECRETS: JSON.stringify(marketSecrets),
      WIDGET_CLIENTS: clients({ client_id: 'cafe' }, { client_id: 'grocer', account: 'market' }),
    });
    if (!result.ok) throw new Error(result.error.setting);
    const config = result.value;
    expect(accountOf(config, config.clients.get('cafe')!).accountId).toBe('33559');
    expect(accountOf(config, config.clients.get('grocer')!)).toEqual({
      id: 'market',
      accountId: '33562',
      apiKey: 'key-m',
      apiSecret: 'bWFya2V0',
      oauthClientId: 'oauth-m',
      oauthClientSecret: 'oauth-m-secret',
    });
  });

  it('needs no default account when SPENDGO_ACCOUNTS names every one in use', () => {
    const result = read({
      SPENDGO_API_KEY: undefined,
      SPENDGO_API_SECRET: undefined,
      SPENDGO_ACCOUNT_ID: undefined,
      SPENDGO_OAUTH_CLIENT_ID: undefined,
      SPENDGO_OAUTH_CLIENT_SECRET: undefined,
      SPENDGO_ACCOUNTS: JSON.stringify([market]),
      SPENDGO_ACCOUNT_SECRETS: JSON.stringify(marketSecrets),
      WIDGET_CLIENTS: clients({ client_id: 'grocer', account: 'market' }),
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    [
      'a client naming an unknown account',
      { WIDGET_CLIENTS: clients({ client_id: 'x', account: 'nope' }) },
      'WIDGET_CLIENTS',
    ],
    ['an account without its secrets', { SPENDGO_ACCOUNTS: JSON.stringify([market]) }, 'SPENDGO_ACCOUNT_SECRETS'],
    [
      'an account id given twice',
      {
        SPENDGO_ACCOUNTS: JSON.stringify([market, market]),
        SPENDGO_ACCOUNT_SECRETS: JSON.stringify(marketSecrets),
      },
      'SPENDGO_ACCOUNTS',
    ],
    [
      'an account reusing the default name',
      {
        SPENDGO_ACCOUNTS: JSON.stringify([{ ...market, id: 'default' }]),
        SPENDGO_ACCOUNT_SECRETS: JSON.stringify({ default: marketSecrets.market }),
      },
      'SPENDGO_ACCOUNTS',
    ],
    ['half a default account', { SPENDGO_API_SECRET: undefined }, 'SPENDGO_API_SECRET'],
    [
      'no account at all',
      {
        SPENDGO_API_KEY: undefined,
        SPENDGO_API_SECRET: undefined,
        SPENDGO_ACCOUNT_ID: undefined,
        SPENDGO_OAUTH_CLIENT_ID: undefined,
        SPENDGO_OAUTH_CLIENT_SECRET: undefined,
      },
      'SPENDGO_API_KEY',
    ],
  ])('refuses %s, naming the setting and never a value', (_, overrides, setting) => {
    const result = read(overrides);
    expect(result).toMatchObject({ ok: false, error: { setting } });
    expect(JSON.stringify(result)).not.toContain('bWFya2V0');
  });
});

describe('configuration a public deployment must not have', () => {
  const client = (extra: object) => clients({ client_id: 'shop', ...extra });
  it.each([
    ['Spendgo over plain http', { SPENDGO_API_BASE: 'http://webservice.spendgo.com' }, 'SPENDGO_API_BASE'],
    ['the proxy itself over plain http', { PROXY_PUBLIC_URL: 'http://loyalty.shop.example' }, 'PROXY_PUBLIC_URL'],
    [
      'a storefront origin over plain http',
      { WIDGET_CLIENTS: client({ origins: ['http://shop.example'] }) },
      'WIDGET_CLIENTS',
    ],
    [
      'a redirect URI with a fragment',
      { WIDGET_CLIENTS: client({ redirect_uris: ['https://shop.test/#x'] }) },
      'WIDGET_CLIENTS',
    ],
    [
      "a redirect URI outside the client's origins",
      { WIDGET_CLIENTS: client({ redirect_uris: ['https://elsewhere.example/cb'] }) },
      'WIDGET_CLIENTS',
    ],
    [
      'a merchant secret under 32 bytes',
      { WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: 'x'.repeat(31) }) },
      'WIDGET_CLIENT_SECRETS',
    ],
    [
      "the demo's API key on a public host",
      { PROXY_PUBLIC_URL: 'https://loyalty.shop.example', SPENDGO_API_KEY: 'test_spendgo_loyalty' },
      'SPENDGO_API_KEY',
    ],
    [
      "the demo's merchant secret on a public host",
      {
        PROXY_PUBLIC_URL: 'https://loyalty.shop.example',
        WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: 'demo-merchant-secret-change-me-0001' }),
      },
      'WIDGET_CLIENT_SECRETS',
    ],
  ])('refuses %s', (_, overrides, setting) => {
    expect(read(overrides)).toMatchObject({ ok: false, error: { setting } });
  });

  it('allows plain http and the demo values for local development (loopback, .localhost, .test)', () => {
    for (const host of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://proxy.test']) {
      const result = read({
        PROXY_PUBLIC_URL: host,
        SPENDGO_API_BASE: 'http://127.0.0.1:8788',
        SPENDGO_API_KEY: 'test_spendgo_loyalty',
        WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: 'demo-merchant-secret-change-me-0001' }),
      });
      expect(result.ok).toBe(true);
    }
  });
});
