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
      mobile: null,
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

  const PUBLIC = 'https://loyalty.shop.example';
  const hooked = (url: string) => ({
    PROXY_PUBLIC_URL: PUBLIC,
    WIDGET_CLIENTS: client({ webhook_url: url }),
    WEBHOOK_SECRETS: JSON.stringify({ shop: `webhook-${'Zq3xK9'.repeat(6)}` }),
  });
  it.each([
    ['credentials in the URL', 'https://user:pass@hooks.shop.example/loyalty'],
    ['a private address', 'https://10.0.0.5/hooks'],
    ['another private address', 'https://192.168.1.20/hooks'],
    ['a private address in 172.16/12', 'https://172.20.0.1/hooks'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data'],
    ['a unique-local IPv6 address', 'https://[fd00::1]/hooks'],
    ['a link-local IPv6 address', 'https://[fe80::1]/hooks'],
    ['an unspecified address', 'https://0.0.0.0/hooks'],
    ['loopback on a public deployment', 'http://127.0.0.1:8789/webhooks'],
  ])('refuses a webhook URL with %s', (_, url) => {
    expect(read(hooked(url))).toMatchObject({ ok: false, error: { setting: 'WIDGET_CLIENTS' } });
  });

  it('accepts a public https webhook URL, and loopback for local development', () => {
    expect(read(hooked('https://hooks.shop.example/loyalty')).ok).toBe(true);
    expect(read({ ...hooked('http://127.0.0.1:8789/webhooks'), PROXY_PUBLIC_URL: 'http://127.0.0.1:8787' }).ok).toBe(
      true,
    );
  });

  it('refuses a webhook secret that is also the merchant secret', () => {
    const secret = `merchant-${'Zq3xK9pW'.repeat(4)}`;
    const result = read({
      WIDGET_CLIENTS: client({ webhook_url: 'https://hooks.shop.example/loyalty' }),
      WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: secret }),
      WEBHOOK_SECRETS: JSON.stringify({ shop: secret }),
    });
    expect(result).toMatchObject({ ok: false, error: { setting: 'WEBHOOK_SECRETS' } });
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  describe('rotating a secret', () => {
    const next = `merchant-next-${'Zq3xK9pW'.repeat(4)}`;
    const previous = `merchant-prev-${'Lm7vR2tY'.repeat(4)}`;
    const hook = { WIDGET_CLIENTS: client({ webhook_url: 'https://hooks.shop.example/loyalty' }) };

    it('takes two merchant secrets and two webhook secrets, the next one first', () => {
      const result = read({
        ...hook,
        PROXY_PUBLIC_URL: PUBLIC,
        WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, previous] }),
        WEBHOOK_SECRETS: JSON.stringify({ shop: [`webhook-${next}`, `webhook-${previous}`] }),
      });
      if (!result.ok) throw new Error(result.error.problem);
      expect(result.value.clients.get('shop')).toMatchObject({
        merchant_secrets: [next, previous],
        webhook_secrets: [`webhook-${next}`, `webhook-${previous}`],
      });
    });

    it.each([
      ['three merchant secrets', { WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, previous, `${next}x`] }) }],
      ['the same secret twice', { WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, next] }) }],
      ['an empty list', { WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [] }) }],
      ['a short previous secret', { WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, 'short'] }) }],
    ])('refuses %s', (_, overrides) => {
      expect(read(overrides)).toMatchObject({ ok: false, error: { setting: 'WIDGET_CLIENT_SECRETS' } });
    });

    it('refuses a webhook secret equal to either merchant secret, and a predictable previous one in public', () => {
      expect(
        read({
          ...hook,
          WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, previous] }),
          WEBHOOK_SECRETS: JSON.stringify({ shop: [`webhook-${next}`, previous] }),
        }),
      ).toMatchObject({ ok: false, error: { setting: 'WEBHOOK_SECRETS' } });
      expect(
        read({ PROXY_PUBLIC_URL: PUBLIC, WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: [next, 'a'.repeat(40)] }) }),
      ).toMatchObject({ ok: false, error: { setting: 'WIDGET_CLIENT_SECRETS', problem: /too predictable/ } });
    });
  });

  it('refuses two proxy accounts naming one Spendgo account', () => {
    const twin = { ...market, id: 'twin', api_key: 'key-t', oauth_client_id: 'oauth-t' };
    const result = read({
      SPENDGO_ACCOUNTS: JSON.stringify([market, twin]),
      SPENDGO_ACCOUNT_SECRETS: JSON.stringify({ ...marketSecrets, twin: marketSecrets.market }),
    });
    expect(result).toMatchObject({ ok: false, error: { setting: 'SPENDGO_ACCOUNTS' } });
    const asDefault = { SPENDGO_ACCOUNTS: JSON.stringify([{ ...market, account_id: '33559' }]) };
    expect(read({ ...asDefault, SPENDGO_ACCOUNT_SECRETS: JSON.stringify(marketSecrets) })).toMatchObject({
      ok: false,
      error: { setting: 'SPENDGO_ACCOUNTS' },
    });
  });

  it.each([
    ['one character repeated', 'a'.repeat(48)],
    ['a short pattern repeated', 'abcd'.repeat(12)],
    ['a word and a counter', 'merchantmerchantmerchant00000001'],
  ])('refuses a low-entropy merchant secret on a public deployment: %s', (_, secret) => {
    expect(read({ PROXY_PUBLIC_URL: PUBLIC, WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: secret }) })).toMatchObject({
      ok: false,
      error: { setting: 'WIDGET_CLIENT_SECRETS' },
    });
  });

  it('accepts generated merchant secrets (base64 or hex of 32 random bytes) on a public deployment', () => {
    for (let i = 0; i < 20; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
      const b64 = btoa(String.fromCharCode(...bytes));
      for (const secret of [hex, b64])
        expect(read({ PROXY_PUBLIC_URL: PUBLIC, WIDGET_CLIENT_SECRETS: JSON.stringify({ shop: secret }) }).ok).toBe(
          true,
        );
    }
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

describe('native apps (RFC 8252)', () => {
  const app = (redirects: string[], extra: object = {}) =>
    read({
      WIDGET_CLIENTS: JSON.stringify([
        { client_id: 'app', type: 'native', redirect_uris: redirects, stores: ['1'], ...extra },
      ]),
    });

  it('registers loopback (no port), reverse-DNS scheme and claimed https redirects, with no origins', () => {
    const result = app([
      'http://127.0.0.1/callback',
      'http://[::1]/cb',
      'com.example.app:/oauth2',
      'https://app.example/o',
    ]);
    if (!result.ok) throw new Error(result.error.problem);
    expect(result.value.clients.get('app')).toMatchObject({ type: 'native', origins: [] });
  });

  it.each([
    ['a loopback redirect with a port', 'http://127.0.0.1:8080/callback'],
    ['localhost by name', 'http://localhost/callback'],
    ['plain http to a host', 'http://app.example/callback'],
    ['a scheme that is not reverse DNS', 'myapp:/callback'],
    ['javascript', 'javascript:alert(1)'],
    ['a fragment', 'com.example.app:/cb#x'],
    ['user info', 'https://user@app.example/cb'],
  ])('refuses %s', (_, uri) => {
    const result = app([uri]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.setting).toBe('WIDGET_CLIENTS');
  });

  it('refuses origins on a native client, and a web client without any', () => {
    expect(app(['com.example.app:/cb'], { origins: ['https://shop.test'] }).ok).toBe(false);
    const noOrigins = read({
      WIDGET_CLIENTS: JSON.stringify([{ client_id: 'web', redirect_uris: ['https://shop.test/'], stores: ['1'] }]),
    });
    expect(noOrigins.ok).toBe(false);
  });

  it("refuses a native app's kinds of redirect on a web client", () => {
    for (const uri of ['com.example.app:/cb', 'http://127.0.0.1/callback'])
      expect(read({ WIDGET_CLIENTS: clients({ client_id: 'web', redirect_uris: [uri] }) }).ok, uri).toBe(false);
  });
});

describe('join at checkout', () => {
  it("needs its account's mobile API credentials, all three or none", () => {
    const joining = clients({ client_id: 'shop', join: {} });
    const without = read({ WIDGET_CLIENTS: joining });
    expect(without.ok).toBe(false);
    const mobile = { SPENDGO_MOBILE_API_KEY: 'mob', SPENDGO_MOBILE_API_SECRET: 'bW9iaWxl', SPENDGO_WEB_CONTEXT: 'ctx' };
    const withMobile = read({ WIDGET_CLIENTS: joining, ...mobile });
    if (!withMobile.ok) throw new Error(withMobile.error.problem);
    expect(accountOf(withMobile.value, withMobile.value.clients.get('shop')!).mobile).toEqual({
      apiKey: 'mob',
      apiSecret: 'bW9iaWxl',
      webContext: 'ctx',
    });
    const half = read({ SPENDGO_MOBILE_API_KEY: 'mob', SPENDGO_WEB_CONTEXT: 'ctx' });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.error.setting).toBe('SPENDGO_MOBILE_API_SECRET');
  });
});

describe('the console’s sign-in (CONSOLE_ACCESS)', () => {
  const setting = (operators: Record<string, string[]>, extra: object = {}) =>
    JSON.stringify({ team_domain: 'https://acme.cloudflareaccess.com', aud: 'a'.repeat(64), operators, ...extra });

  it('takes operators of existing clients, emails in any case, and keeps the secret sign-in local', () => {
    const local = read({ CONSOLE_ACCESS: setting({ 'Ops@Shop.test': ['shop'] }) });
    expect(local.ok && local.value.console.secretSignIn).toBe(true);
    expect(local.ok && [...local.value.console.access!.operators]).toEqual([['ops@shop.test', ['shop']]]);
    const live = read({ PROXY_PUBLIC_URL: 'https://loyalty.shop.example' });
    expect(live.ok && live.value.console).toEqual({ access: null, secretSignIn: false });
  });

  it('refuses an operator of an unknown client, one listed twice, a bad audience and a plain-http team', () => {
    for (const value of [
      setting({ 'ops@shop.test': ['shop', 'not-a-client'] }),
      setting({ 'ops@shop.test': ['shop'], 'OPS@shop.test': ['shop'] }),
      setting({ 'ops@shop.test': ['shop'] }, { aud: 'x' }),
      setting({ 'ops@shop.test': ['shop'] }, { team_domain: 'http://acme.cloudflareaccess.com' }),
      setting({}),
      setting({ 'not-an-email': ['shop'] }),
    ])
      expect(read({ CONSOLE_ACCESS: value })).toMatchObject({ ok: false, error: { setting: 'CONSOLE_ACCESS' } });
  });
});
