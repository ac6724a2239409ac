// `npm run deploy`: the proxy to Cloudflare in one command, checked before anything is uploaded.
//
//   npm run deploy -- --keys > .prod.vars            fresh proxy keys and client secrets to start from
//   npm run deploy -- --secrets .prod.vars --dry-run  the preflight, then a build with its size
//   npm run deploy -- --secrets .prod.vars            the preflight, the secrets, then the Worker
//                                                     with the widget build it serves at /widget/
//   (--env <name> for a [env.<name>] section of wrangler.toml; --config for another wrangler file)
//
// The preflight takes the settings the Worker will see (wrangler.toml's [vars], then the secrets
// file, a .env-style file kept out of the repository) and runs the proxy's own configuration
// rules over them, bundled from proxy/src/env.ts, so it refuses exactly what the deployed proxy
// would. It names every missing or malformed setting (never a value), a secret left in [vars]
// (wrangler.toml is committed), and a public URL that is not public. Only then is the Worker
// deployed, its secrets uploaded with the version (`wrangler deploy --secrets-file`).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseEnv } from 'node:util';
import { gzipSync } from 'node:zlib';
import { unstable_readConfig } from 'wrangler';
import { generatedSecrets } from '../proxy/local-secrets.ts';
import { importProxyModule } from './proxy-module.ts';
import { bin, offlineEnv, root, widgetBuild } from './setup.ts';

/** Settings that must never be in [vars]: whoever reads the repository would have them. */
export const SECRET_SETTINGS = [
  'SPENDGO_API_SECRET',
  'SPENDGO_OAUTH_CLIENT_SECRET',
  'SPENDGO_MOBILE_API_SECRET',
  'SPENDGO_ACCOUNT_SECRETS',
  'PROXY_SIGNING_KEY',
  'PROXY_TOKEN_SECRET',
  'WIDGET_CLIENT_SECRETS',
  'WEBHOOK_SECRETS',
] as const;

export interface Problem {
  setting: string;
  problem: string;
}

type ConfigProblems = (env: object) => Problem[];

/** Wrangler's own reading of its configuration (the [vars] an environment deploys with). */
const readWranglerConfig = unstable_readConfig as unknown as (args: { config: string; env?: string }) => {
  vars: Record<string, unknown>;
};

/** The proxy's configuration rules, bundled for Node from the Worker's own source. */
async function proxyRules(): Promise<ConfigProblems> {
  return (await importProxyModule<{ configProblems: ConfigProblems }>('proxy/src/env.ts')).configProblems;
}

/** Everything wrong with deploying `vars` (from wrangler.toml) and `secrets` (from the file). */
export async function preflight(vars: Record<string, string>, secrets: Record<string, string>): Promise<Problem[]> {
  const problems: Problem[] = SECRET_SETTINGS.filter((name) => name in vars).map((setting) => ({
    setting,
    problem: 'a secret in wrangler.toml [vars]; move it to the secrets file',
  }));
  const settings = { ...vars, ...secrets };
  const publicUrl = settings['PROXY_PUBLIC_URL'];
  if (publicUrl !== undefined && !/^https:\/\/[^/]+\.[^/.]+(\/|$)/.test(publicUrl))
    problems.push({ setting: 'PROXY_PUBLIC_URL', problem: 'a deployed proxy needs its public https origin' });
  const rules = await proxyRules();
  for (const p of rules(settings)) {
    if (problems.some((q) => q.setting === p.setting)) continue;
    problems.push(p.setting in settings ? p : { setting: p.setting, problem: 'missing' });
  }
  return problems;
}

/** Fresh values for the settings the proxy and a client's backend share no one else: the
 * proxy's signing key and token secret, and a merchant and a webhook secret per client. */
export function freshKeys(): string {
  const { PROXY_SIGNING_KEY, PROXY_TOKEN_SECRET } = generatedSecrets();
  const secret = () => randomBytes(32).toString('base64url');
  return [
    '# Fresh values from `npm run deploy -- --keys`. Keep this file out of the repository.',
    `PROXY_SIGNING_KEY=${PROXY_SIGNING_KEY}`,
    `PROXY_TOKEN_SECRET=${PROXY_TOKEN_SECRET}`,
    '# Rename your-client-id; give the merchant secret to its backend and the webhook secret to its webhook receiver.',
    `WIDGET_CLIENT_SECRETS={"your-client-id":"${secret()}"}`,
    `WEBHOOK_SECRETS={"your-client-id":"${secret()}"}`,
    '# From Spendgo: SPENDGO_API_KEY, SPENDGO_API_SECRET, SPENDGO_OAUTH_CLIENT_SECRET (and the rest; see README).',
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      keys: { type: 'boolean' },
      secrets: { type: 'string' },
      env: { type: 'string' },
      config: { type: 'string', default: join(root, 'wrangler.toml') },
      'dry-run': { type: 'boolean' },
    },
  });
  if (values.keys) {
    process.stdout.write(freshKeys());
    return 0;
  }
  if (!values.secrets) {
    console.error('Name the secrets file: npm run deploy -- --secrets .prod.vars (start one with --keys).');
    return 2;
  }
  const config = readWranglerConfig({ config: values.config, ...(values.env && { env: values.env }) });
  const vars = Object.fromEntries(
    Object.entries(config.vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const secrets = parseEnv(readFileSync(values.secrets, 'utf8')) as Record<string, string>;
  const problems = await preflight(vars, secrets);
  if (problems.length > 0) {
    console.error(`Preflight: ${problems.length} setting(s) to fix before deploying; nothing was uploaded.`);
    for (const p of problems) console.error(`  ${p.setting}: ${p.problem}`);
    return 1;
  }
  console.log(
    `Preflight: every setting is present and well formed (${Object.keys(secrets).length} from the secrets file).`,
  );

  // The proxy serves the widget it is deployed with (wrangler.toml [assets]): built now, so a
  // deploy never ships an older widget than its Worker.
  widgetBuild(true);
  const envArgs = values.env ? ['--env', values.env] : [];
  const wrangler = (args: string[]) =>
    spawnSync(bin('wrangler'), [...args, '--config', values.config, ...envArgs], {
      cwd: root,
      env: offlineEnv,
      stdio: 'inherit',
    }).status === 0;
  if (values['dry-run']) {
    const outdir = join(root, 'dist', 'deploy');
    if (!wrangler(['deploy', '--dry-run', '--outdir', outdir])) return 1;
    const worker = readFileSync(join(outdir, 'index.js'));
    console.log(
      `Dry run: the Worker is ${(gzipSync(worker, { level: 9 }).length / 1024).toFixed(1)} KiB gzip; nothing was uploaded.`,
    );
    return 0;
  }
  // The secrets ride with the version (as JSON: no dotenv expansion), through a file only this
  // user can read, removed at once.
  const dir = mkdtempSync(join(tmpdir(), 'spendgo-secrets-'));
  const file = join(dir, 'secrets.json');
  try {
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    return wrangler(['deploy', '--secrets-file', file]) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await main());
