// The deploy's preflight and dry run, as `npm test` runs them (node --test): fresh keys pass the
// proxy's own rules; one secret missing, one malformed, a secret left in [vars] or a local
// public URL is named (never its value) and nothing is built; a complete file builds the Worker
// with `wrangler deploy --dry-run`, uploading nothing.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseEnv } from 'node:util';
import { freshKeys, preflight } from './deploy.ts';
import { offlineEnv, root } from './setup.ts';

/** A production-shaped configuration: public settings (as a merchant would) and fresh keys. */
const complete = (): Record<string, string> => ({
  SPENDGO_API_BASE: 'https://webservice.spendgo.com',
  SPENDGO_ID_BASE: 'https://my.spendgo.com',
  SPENDGO_API_KEY: 'merchant-live-key-7Hq2',
  SPENDGO_API_SECRET: Buffer.from('a live signing secret of 32 bytes!').toString('base64'),
  SPENDGO_ACCOUNT_ID: '40001',
  SPENDGO_OAUTH_CLIENT_ID: 'merchant-oauth-client',
  SPENDGO_OAUTH_CLIENT_SECRET: 'merchant-oauth-client-secret',
  PROXY_PUBLIC_URL: 'https://loyalty.shop.example',
  WIDGET_CLIENTS: JSON.stringify([
    {
      client_id: 'your-client-id',
      origins: ['https://shop.example'],
      redirect_uris: ['https://shop.example/checkout'],
      stores: ['100'],
      webhook_url: 'https://api.shop.example/loyalty-webhooks',
    },
  ]),
  ...(parseEnv(freshKeys()) as Record<string, string>),
});

const deploy = (settings: Record<string, string>, ...args: string[]) => {
  const file = join(mkdtempSync(join(tmpdir(), 'spendgo-deploy-test-')), 'prod.vars');
  writeFileSync(
    file,
    Object.entries(settings)
      .map(([k, v]) => `${k}='${v}'`)
      .join('\n'),
  );
  return spawnSync(process.execPath, ['scripts/deploy.ts', '--secrets', file, ...args], {
    cwd: root,
    env: offlineEnv,
    encoding: 'utf8',
  });
};

void test('fresh keys and the public settings pass every rule of the proxy', async () => {
  assert.deepEqual(await preflight({ SPENDGO_SIGN_QUERY: 'true' }, complete()), []);
});

void test('one secret missing and one malformed are both named, never their values', async () => {
  const { PROXY_TOKEN_SECRET: _gone, ...rest } = complete();
  const problems = await preflight({}, { ...rest, SPENDGO_API_SECRET: 'not base64!' });
  assert.deepEqual(
    problems.map((p) => p.setting),
    ['SPENDGO_API_SECRET', 'PROXY_TOKEN_SECRET'],
  );
  assert.equal(problems.find((p) => p.setting === 'PROXY_TOKEN_SECRET')?.problem, 'missing');
  assert.ok(!JSON.stringify(problems).includes('not base64!'));
});

void test('a secret in [vars], a local public URL and a predictable merchant secret are refused', async () => {
  const settings = complete();
  assert.deepEqual(
    (await preflight({ PROXY_TOKEN_SECRET: settings['PROXY_TOKEN_SECRET']! }, settings)).map((p) => p.setting),
    ['PROXY_TOKEN_SECRET'],
  );
  assert.deepEqual(
    (await preflight({}, { ...settings, PROXY_PUBLIC_URL: 'http://127.0.0.1:8787' })).map((p) => p.setting),
    ['PROXY_PUBLIC_URL'],
  );
  const weak = { ...settings, WIDGET_CLIENT_SECRETS: JSON.stringify({ 'your-client-id': 'a'.repeat(40) }) };
  assert.deepEqual(
    (await preflight({}, weak)).map((p) => p.setting),
    ['WIDGET_CLIENT_SECRETS'],
  );
});

void test('npm run deploy -- --dry-run: refuses a file with a secret missing, builds one that is complete', () => {
  const { WEBHOOK_SECRETS: _gone, ...rest } = complete();
  const refused = deploy(rest, '--dry-run');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /WEBHOOK_SECRETS: /);
  assert.match(refused.stderr, /nothing was uploaded/);

  const built = deploy(complete(), '--dry-run');
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stdout, /Preflight: every setting is present/);
  assert.match(built.stdout, /Dry run: the Worker is [\d.]+ KiB gzip; nothing was uploaded/);
});
