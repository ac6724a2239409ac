// `npm run certify`: runs Spendgo's POS certification checklist through the proxy against a
// target Spendgo and writes test-results/certify/report.{md,json,html}. By default it starts the
// local sandbox and proxy and runs against them (as `npm test` does); with CERTIFY_PROXY_URL it
// runs against a proxy you deployed at Spendgo's test environment (see README). Exits 1 if a
// case fails.

import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextFor, cases, type Settings } from '../certify/cases.ts';
import { Recorder } from '../certify/evidence.ts';
import { summary, summaryLine, toHtml, toMarkdown, type Report } from '../certify/report.ts';
import { root, setup } from './setup.ts';
import { startStack, type Stack } from './stack.ts';

setup();
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const local = process.env['CERTIFY_PROXY_URL'] === undefined;

// The defaults are the local system's demo values (.dev.vars.example, the sandbox's fixtures).
const settings: Settings = {
  proxyUrl: env('CERTIFY_PROXY_URL', 'http://127.0.0.1:8787'),
  clientId: env('CERTIFY_CLIENT_ID', 'demo-storefront'),
  origin: env('CERTIFY_ORIGIN', 'http://localhost:5173'),
  redirectUri: env('CERTIFY_REDIRECT_URI', 'http://localhost:5173/'),
  signIn: local ? 'sandbox' : 'manual',
  merchantSecret: env('CERTIFY_MERCHANT_SECRET', 'demo-merchant-secret-change-me-0001'),
  store: env('CERTIFY_STORE', '999999'),
  members: {
    reward: env('CERTIFY_REWARD_MEMBER', '1009029'),
    plain: env('CERTIFY_PLAIN_MEMBER', '1009033'),
  },
  // Locally the sandbox's Shop With Points account serves its own demo store; against Spendgo,
  // set these only if the certified account family has one.
  shopWithPoints:
    local || process.env['CERTIFY_SWP_CLIENT_ID'] !== undefined
      ? {
          clientId: env('CERTIFY_SWP_CLIENT_ID', 'demo-market'),
          redirectUri: env('CERTIFY_SWP_REDIRECT_URI', 'http://localhost:5173/order-ahead.html'),
          merchantSecret: env('CERTIFY_SWP_MERCHANT_SECRET', 'demo-merchant-secret-change-me-0004'),
          member: env('CERTIFY_SWP_MEMBER', '1009032'),
        }
      : null,
  rewards: {
    valid: env('CERTIFY_VALID_REWARD', '2234402'),
    validValue: Number(env('CERTIFY_VALID_REWARD_VALUE', '5')),
    invalid: env('CERTIFY_INVALID_REWARD', '2234420'),
  },
  spendgo: {
    apiBase: env('CERTIFY_SPENDGO_API_BASE', 'http://127.0.0.1:8788'),
    apiKey: env('CERTIFY_SPENDGO_API_KEY', 'test_spendgo_loyalty'),
    apiSecret: env('CERTIFY_SPENDGO_API_SECRET', 'mryE0wJypyvOrRpVTNmkwgVs37+IcNCCynyDgojTgew='),
    brand: env('CERTIFY_SPENDGO_BRAND', '33559'),
  },
};

const out = join(root, 'test-results', 'certify');
mkdirSync(out, { recursive: true });

let stack: Stack | undefined;
if (local) {
  // The cases reset the sandbox; the proxy's records of an earlier local run (a reward still held
  // by an order placed on the demo pages, say) would not match it, so the run gets fresh state.
  process.env['LOCAL_STATE_DIR'] = 'test-results/certify/state';
  rmSync(join(out, 'state'), { recursive: true, force: true });
  const log = createWriteStream(join(out, 'stack.log'));
  stack = startStack((service, _, line) => log.write(`[${service.name}] ${line}\n`), ['sandbox', 'proxy']);
  process.on('exit', () => stack?.stop());
  if (!(await stack.ready)) {
    console.error('certify: the local sandbox and proxy did not come up (see test-results/certify/stack.log)');
    process.exit(1);
  }
  const reset = await fetch(`${settings.spendgo.apiBase}/__sandbox/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!reset.ok) throw new Error(`sandbox reset failed: HTTP ${reset.status}`);
}

const secrets = [
  settings.merchantSecret,
  settings.spendgo.apiSecret,
  ...(settings.shopWithPoints ? [settings.shopWithPoints.merchantSecret] : []),
];
const recorder = new Recorder(secrets);
const ctx = contextFor(settings, recorder.fetch);
const report: Report = {
  target: { proxy: settings.proxyUrl, spendgo: settings.spendgo.apiBase },
  started: new Date().toISOString(),
  results: [],
};
for (const c of cases) {
  let verdict;
  try {
    verdict = await c.run(ctx);
  } catch (error) {
    verdict = { status: 'fail' as const, detail: `stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
  report.results.push({ id: c.id, section: c.section, title: c.title, ...verdict, evidence: recorder.take() });
  console.log(`${verdict.status.padEnd(4)} ${c.id}: ${verdict.detail}`);
}
stack?.stop();

const files = {
  'report.json': `${JSON.stringify(report, null, 2)}\n`,
  'report.md': toMarkdown(report),
  'report.html': toHtml(report),
};
// The report is meant to be sent to Spendgo: refuse to write one that holds a secret or a token.
const leaks = Object.entries(files).filter(
  ([, text]) =>
    secrets.some((secret) => text.includes(secret)) || /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(text),
);
if (leaks.length) {
  console.error(`certify: ${leaks.map(([name]) => name).join(', ')} would hold a secret or token; nothing written`);
  process.exit(1);
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
console.log(`\n${summaryLine(report)} (report: test-results/certify/report.{md,json,html})`);
process.exit(summary(report).fail === 0 ? 0 : 1);
