// The proxy's tests run inside workerd with the real proxy config, and the real Spendgo
// sandbox (built to JS first) bound as SPENDGO_SERVICE. Every secret is a fresh random value,
// listed in TEST_SECRETS so the canary test can prove none of them ever leaks. Two projects:
// `proxy` with SPENDGO_REPLAY_SAFE on (the sandbox answers repeats as replays), and
// `proxy-replay-unsafe` (test/replay-unsafe/) with it off, as for a Spendgo not known to.

import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { generatedSecrets } from './local-secrets.ts';

const root = join(import.meta.dirname, '..');
const sandboxOut = join(root, 'dist', 'test-sandbox');
const backendOut = join(root, 'dist', 'test-merchant-backend');
for (const [outdir, config] of [
  [sandboxOut, 'demo/sandbox/wrangler.toml'],
  [backendOut, 'demo/merchant-backend/wrangler.toml'],
] as const)
  execFileSync(
    join(root, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir, '--config', config],
    {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  );

// wrangler.toml serves the widget build as static assets; the folder must exist for the config
// to load before `npm run build:widget` has run (the proxy's tests do not read it).
mkdirSync(join(root, 'dist', 'proxy-assets'), { recursive: true });

/** A stand-in for Cloudflare Access (which cannot run here): a team's RSA key, its public half
 * served as the team's key set by a tiny Worker bound as ACCESS_SERVICE; tests sign operators'
 * assertions with the private half (TEST_ACCESS_KEY). */
const accessKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const accessKid = `test-access-${randomBytes(4).toString('hex')}`;
const accessJwks = {
  keys: [{ ...accessKeys.publicKey.export({ format: 'jwk' }), kid: accessKid, alg: 'RS256', use: 'sig' }],
};
export const CONSOLE_ACCESS = {
  team_domain: 'https://acme.cloudflareaccess.com',
  aud: 'test-console-aud-0001',
  operators: { 'ops@acme.test': ['shop-a', 'shop-b'], 'Solo@Acme.test': ['shop-bakery'] },
};

const random = (bytes: number) => randomBytes(bytes).toString('base64');

/** The sandbox's four accounts, one program type each: the default one (SPENDGO_* settings, points)
 * and three from SPENDGO_ACCOUNTS, each with its own key and secrets. */
const extraAccounts = [
  { id: 'bakery', account_id: '33560', api_key: 'proxy-test-key-bakery', oauth_client_id: 'proxy-test-oauth-bakery' },
  { id: 'grill', account_id: '33561', api_key: 'proxy-test-key-grill', oauth_client_id: 'proxy-test-oauth-grill' },
  { id: 'market', account_id: '33562', api_key: 'proxy-test-key-market', oauth_client_id: 'proxy-test-oauth-market' },
];
const accountSecrets = Object.fromEntries(
  extraAccounts.map((a) => [a.id, { api_secret: random(32), oauth_client_secret: `oauth-${random(18)}` }]),
);
const merchantSecrets = Object.fromEntries(
  ['shop-a', 'shop-b', 'shop-bakery', 'shop-grill', 'shop-market', 'shop-app'].map((id) => [
    id,
    `merchant-${random(18)}`,
  ]),
);
/** Webhook secrets: the demo merchant backend (the webhook receiver here) knows shop-a's only,
 * so shop-market's webhooks are refused on cue. */
const webhookSecrets = { 'shop-a': `webhook-${random(24)}`, 'shop-market': `webhook-${random(24)}` };
/** Mid-rotation (test/secret-rotation.test.ts): shop-b's backend may sign with its next merchant
 * secret or the previous one, and shop-a's webhooks are signed with a next secret the demo
 * backend does not have yet as well as the previous one it has. */
const previousMerchantSecretB = `merchant-${random(18)}`;
const nextWebhookSecretA = `webhook-${random(24)}`;
const secrets = {
  WEBHOOK_SECRET_A: webhookSecrets['shop-a'],
  WEBHOOK_SECRET_MARKET: webhookSecrets['shop-market'],
  WEBHOOK_SECRET_A_NEXT: nextWebhookSecretA,
  'MERCHANT_SECRET_shop-b_PREVIOUS': previousMerchantSecretB,
  SPENDGO_API_SECRET: random(32),
  SPENDGO_OAUTH_CLIENT_SECRET: `oauth-${random(18)}`,
  SPENDGO_MOBILE_API_SECRET: random(32),
  MERCHANT_SECRET_A: merchantSecrets['shop-a']!,
  ...Object.fromEntries(Object.entries(merchantSecrets).map(([id, secret]) => [`MERCHANT_SECRET_${id}`, secret])),
  ...Object.fromEntries(
    Object.entries(accountSecrets).flatMap(([id, s]) => [
      [`API_SECRET_${id}`, s.api_secret],
      [`OAUTH_SECRET_${id}`, s.oauth_client_secret],
    ]),
  ),
  ...generatedSecrets(),
};

const sandboxAccounts = [
  {
    brand: '33559',
    api_key: 'proxy-test-key',
    api_secret: secrets.SPENDGO_API_SECRET,
    oauth_client_id: 'proxy-test-oauth',
    oauth_client_secret: secrets.SPENDGO_OAUTH_CLIENT_SECRET,
    mobile_api_key: 'proxy-test-mobile',
    mobile_api_secret: secrets.SPENDGO_MOBILE_API_SECRET,
    web_context: 'proxytest',
  },
  ...extraAccounts.map((a) => ({
    brand: a.account_id,
    api_key: a.api_key,
    api_secret: accountSecrets[a.id]!.api_secret,
    oauth_client_id: a.oauth_client_id,
    oauth_client_secret: accountSecrets[a.id]!.oauth_client_secret,
  })),
];

/** A test storefront per account, named after it (shop-a uses the default account). */
const accountShop = (account: string) => ({
  client_id: `shop-${account}`,
  account,
  origins: [`https://shop-${account}.test`],
  redirect_uris: [`https://shop-${account}.test/cb`],
  stores: ['999999', '100001'],
  ...(account === 'market' && { webhook_url: 'https://merchant-market.test/webhooks' }),
});

export const clients = [
  {
    client_id: 'shop-a',
    origins: ['https://shop-a.test'],
    redirect_uris: ['https://shop-a.test/cb'],
    stores: ['999999', '100001'],
    webhook_url: 'https://merchant-a.test/webhooks',
    join: {},
  },
  {
    client_id: 'shop-b',
    origins: ['https://shop-b.test'],
    redirect_uris: ['https://shop-b.test/cb'],
    stores: ['100002'],
    currency: 'CAD',
  },
  {
    // A native app on the default account (RFC 8252): no origins; its three kinds of redirect.
    client_id: 'shop-app',
    type: 'native',
    redirect_uris: ['http://127.0.0.1/callback', 'com.example.shop:/oauth2redirect', 'https://app.shop-a.test/oauth'],
    stores: ['999999', '100001'],
  },
  ...extraAccounts.map((a) => accountShop(a.id)),
];

/** `settings` override the proxy's test settings (the recovery project's long backoff). */
export function project(
  name: string,
  include: string[],
  exclude: string[],
  replaySafe: boolean,
  settings: Record<string, string> = {},
) {
  return defineConfig({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: '../wrangler.toml' },
        miniflare: {
          bindings: {
            SPENDGO_API_BASE: 'http://spendgo.test',
            SPENDGO_ID_BASE: 'http://spendgo.test',
            SPENDGO_API_KEY: 'proxy-test-key',
            SPENDGO_API_SECRET: secrets.SPENDGO_API_SECRET,
            SPENDGO_ACCOUNT_ID: '33559',
            SPENDGO_OAUTH_CLIENT_ID: 'proxy-test-oauth',
            SPENDGO_OAUTH_CLIENT_SECRET: secrets.SPENDGO_OAUTH_CLIENT_SECRET,
            SPENDGO_MOBILE_API_KEY: 'proxy-test-mobile',
            SPENDGO_MOBILE_API_SECRET: secrets.SPENDGO_MOBILE_API_SECRET,
            SPENDGO_WEB_CONTEXT: 'proxytest',
            SPENDGO_SIGN_QUERY: 'true',
            SPENDGO_REPLAY_SAFE: String(replaySafe),
            SPENDGO_TIMEOUT_MS: '500',
            ORDER_RETRY_BASE_MS: '5',
            // Fewer than the default 20, so the chaos test still sees dead letters to re-drive.
            ORDER_MAX_ATTEMPTS: '10',
            PROXY_PUBLIC_URL: 'http://proxy.test',
            PROXY_SIGNING_KEY: secrets.PROXY_SIGNING_KEY,
            PROXY_TOKEN_SECRET: secrets.PROXY_TOKEN_SECRET,
            SPENDGO_ACCOUNTS: JSON.stringify(extraAccounts),
            SPENDGO_ACCOUNT_SECRETS: JSON.stringify(accountSecrets),
            WIDGET_CLIENTS: JSON.stringify(clients),
            WIDGET_CLIENT_SECRETS: JSON.stringify({
              ...merchantSecrets,
              'shop-b': [merchantSecrets['shop-b'], previousMerchantSecretB],
            }),
            WEBHOOK_SECRETS: JSON.stringify({
              ...webhookSecrets,
              'shop-a': [nextWebhookSecretA, webhookSecrets['shop-a']],
            }),
            WEBHOOK_RETRY_BASE_MS: '5',
            WEBHOOK_MAX_ATTEMPTS: '3',
            TEST_SECRETS: JSON.stringify(secrets),
            CONSOLE_ACCESS: JSON.stringify(CONSOLE_ACCESS),
            TEST_ACCESS_KEY: JSON.stringify({ ...accessKeys.privateKey.export({ format: 'jwk' }), kid: accessKid }),
            ...settings,
          },
          // Webhooks go to the demo merchant backend, which verifies them; tests read its log.
          serviceBindings: {
            SPENDGO_SERVICE: 'spendgo-sandbox',
            WEBHOOK_SERVICE: 'merchant-backend',
            MERCHANT_BACKEND: 'merchant-backend',
            ACCESS_SERVICE: 'access-team',
          },
          workers: [
            {
              name: 'access-team',
              modules: true,
              compatibilityDate: '2026-10-01',
              script: `const JWKS = ${JSON.stringify(JSON.stringify(accessJwks))};
export default { fetch: (request) => new URL(request.url).pathname === '/cdn-cgi/access/certs'
  ? new Response(JWKS, { headers: { 'content-type': 'application/json' } })
  : new Response('not found', { status: 404 }) };`,
            },
            {
              name: 'spendgo-sandbox',
              modules: true,
              scriptPath: join(sandboxOut, 'index.js'),
              // Without modulesRoot the absolute module path makes workerd fail to start the Worker.
              modulesRoot: sandboxOut,
              compatibilityDate: '2026-10-01',
              durableObjects: { SANDBOX_STATE: { className: 'SandboxState', useSQLite: true } },
              bindings: {
                SANDBOX_ACCOUNTS: JSON.stringify(sandboxAccounts),
                SANDBOX_OAUTH_REDIRECT_URIS: 'http://proxy.test/oauth/callback',
                SANDBOX_ADMIN: 'true',
              },
            },
            {
              name: 'merchant-backend',
              modules: true,
              scriptPath: join(backendOut, 'index.js'),
              modulesRoot: backendOut,
              compatibilityDate: '2026-10-01',
              bindings: {
                PROXY_URL: 'http://proxy.test',
                MERCHANT_SECRETS: '{}',
                ORDER_TOKEN_SECRET: `order-token-${random(24)}`,
                STOREFRONT_ORIGINS: 'https://shop-a.test',
                WEBHOOK_SECRETS: JSON.stringify({ 'shop-a': webhookSecrets['shop-a'] }),
              },
            },
          ],
        },
      }),
    ],
    test: {
      name,
      include,
      exclude,
      setupFiles: ['test/canary-setup.ts'],
      testTimeout: 30_000,
    },
  });
}

export default project(
  'proxy',
  ['src/**/*.test.ts', 'test/**/*.test.ts'],
  ['test/replay-unsafe/**', 'test/recovery/**'],
  true,
);
