// `npm run bench`: prints and records (bench/results.json) what the product costs:
//   - the widget's transfer sizes (script-tag build) against its budgets;
//   - the proxy Worker's bundle size (wrangler deploy --dry-run, minified);
//   - on loopback, latency (p50/p95/p99) and throughput of GET /v1/rewards, GET /v1/balance and
//     POST /v1/checkout through the proxy, next to the same signed calls made straight to the
//     sandbox in the same run, as the proxy's added milliseconds and a ratio;
//   - Lighthouse on the built demo cart page with and without the widget.
// A measurement, not a test: request counts are bounded and only 127.0.0.1 is contacted.
import autocannon from 'autocannon';
import { createHmac, randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { audit, type Audit } from './lighthouse-audit.ts';
import { gzipSize, kib, printSizes, widgetSizes } from './size-report.ts';
import { bin, offlineEnv, root, setup } from './setup.ts';
import { startStack } from './stack.ts';

setup();
const PROXY = 'http://127.0.0.1:8787';
const SANDBOX = 'http://127.0.0.1:8788';
const ORIGIN = 'http://localhost:5173';
const REDIRECT = 'http://localhost:5173/';
const REQUESTS = 1000;
const CHECKOUTS = 250; // stays under the proxy's per-IP checkout rate limit
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 1);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, env: offlineEnv, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// --- sizes ---
run(process.execPath, ['scripts/build-widget.ts']);
const widget = widgetSizes()!;
const workerDir = resolve(root, 'dist/bench-proxy');
run(bin('wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', workerDir, '--config', 'wrangler.toml']);
const workerBytes = readFileSync(resolve(workerDir, 'index.js'));
const worker = { raw: workerBytes.length, gzip: gzipSize(workerBytes) };

// --- latency ---
const stack = startStack(() => undefined, ['sandbox', 'proxy']);
process.on('exit', () => {
  stack.stop();
});
if (!(await stack.ready)) {
  console.error('bench: the proxy and sandbox did not come up');
  process.exit(1);
}
await fetch(`${SANDBOX}/__sandbox/reset`, { method: 'POST' });

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const { privateKey, publicKey } = await generateKeyPair('ES256');
const jwk = await exportJWK(publicKey);
const jkt = await calculateJwkThumbprint(jwk);

async function proof(method: string, url: string, accessToken?: string): Promise<string> {
  const u = new URL(url);
  return new SignJWT({
    htm: method,
    htu: `${u.origin}${u.pathname}`,
    jti: randomUUID(),
    ...(accessToken && {
      ath: b64url(Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)))),
    }),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .setIssuedAt()
    .sign(privateKey);
}

/** Signs a member in through the proxy and the sandbox pages, as a browser would. */
async function signIn(): Promise<string> {
  const verifier = b64url(Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
  const challenge = b64url(Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    client_id: 'demo-storefront',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile',
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    dpop_jkt: jkt,
  });
  const toSpendgo = (await fetch(`${PROXY}/oauth/authorize?${query.toString()}`, { redirect: 'manual' })).headers.get(
    'Location',
  )!;
  const page = await (await fetch(toSpendgo)).text();
  const request = /name="request" value="([0-9a-f]{32})"/.exec(page)![1]!;
  const form = (values: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(values),
    redirect: 'manual' as const,
  });
  let answer = await fetch(`${SANDBOX}/oauth2/v1/auth/sign-in`, form({ request, member: '1009029' }));
  if (answer.status !== 302)
    answer = await fetch(`${SANDBOX}/oauth2/v1/auth/consent`, form({ request, decision: 'allow' }));
  const back = (await fetch(answer.headers.get('Location')!, { redirect: 'manual' })).headers.get('Location')!;
  const code = new URL(back).searchParams.get('code')!;
  const token = await fetch(`${PROXY}/oauth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      DPoP: await proof('POST', `${PROXY}/oauth/token`),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: 'demo-storefront',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

const accessToken = await signIn();
const settings = readFileSync(resolve(root, '.dev.vars'), 'utf8');
const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(settings)![1]!;
const apiKey = setting('SPENDGO_API_KEY');
const apiSecret = Buffer.from(setting('SPENDGO_API_SECRET'), 'base64');
const sign = (uri: string, body = '') =>
  createHmac('sha256', apiSecret)
    .update(uri + body)
    .digest('base64');

const cart = {
  store: '999999',
  items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }],
  subtotal: 21.5,
  reward: { id: '2234402' },
};
const spendgoCheckout = JSON.stringify({
  status: 'checkout',
  vendor: '999999',
  brand: setting('SPENDGO_ACCOUNT_ID'),
  source: 'web',
  subtotal: 21.5,
  discount: 0,
  total: 21.5,
  basket: {
    rewards: [{ provider: 'Spendgo', id: '2234402', level: 'basket' }],
    posEntries: [{ posItem: { label: 'Salad', cost: 21.5 }, quantity: 1 }],
  },
});

interface Case {
  name: string;
  requests: number;
  proxy: { method: 'GET' | 'POST'; path: string; body?: () => string };
  direct: { method: 'GET' | 'POST'; path: string; body?: string };
}

const cases: Case[] = [
  {
    name: 'GET /v1/rewards',
    requests: REQUESTS,
    proxy: { method: 'GET', path: '/v1/rewards?store=999999' },
    direct: { method: 'GET', path: '/loyalty/accounts/1009029/rewards?store=999999' },
  },
  {
    name: 'GET /v1/balance',
    requests: REQUESTS,
    proxy: { method: 'GET', path: '/v1/balance' },
    direct: { method: 'GET', path: '/loyalty/accounts/1009029/balance' },
  },
  {
    name: 'POST /v1/checkout',
    requests: CHECKOUTS,
    proxy: { method: 'POST', path: '/v1/checkout', body: () => JSON.stringify(cart) },
    direct: { method: 'POST', path: '/loyalty/accounts/1009029/orders', body: spendgoCheckout },
  },
];

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

async function load(
  url: string,
  amount: number,
  setupRequest: (req: autocannon.Request) => autocannon.Request,
): Promise<Figures> {
  const result = await autocannon({ url, amount, connections: CONNECTIONS, requests: [{ setupRequest }] });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    p50: result.latency.p50,
    p95: result.latency.p97_5,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    errors: non2xx,
  };
}

const latency: Record<string, { proxy: Figures; direct: Figures; addedMs: number; ratio: number }> = {};
for (const c of cases) {
  // Every proxied request needs its own DPoP proof (a proof's jti is single use): make them first.
  const proofs = await Promise.all(
    Array.from({ length: c.requests + CONNECTIONS }, () =>
      proof(c.proxy.method, `${PROXY}${c.proxy.path}`, accessToken),
    ),
  );
  let next = 0;
  const proxied = await load(`${PROXY}${c.proxy.path}`, c.requests, (req) => ({
    ...req,
    method: c.proxy.method,
    headers: {
      Authorization: `DPoP ${accessToken}`,
      DPoP: proofs[next++ % proofs.length]!,
      Origin: ORIGIN,
      ...(c.proxy.body && { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
    },
    ...(c.proxy.body && { body: c.proxy.body() }),
  }));
  const directHeaders = {
    'X-Class-Key': apiKey,
    'X-Class-Signature': sign(c.direct.path, c.direct.body),
    'Content-Type': 'application/json',
  };
  const direct = await load(`${SANDBOX}${c.direct.path}`, c.requests, (req) => ({
    ...req,
    method: c.direct.method,
    headers: directHeaders,
    ...(c.direct.body && { body: c.direct.body }),
  }));
  latency[c.name] = {
    proxy: proxied,
    direct,
    addedMs: proxied.p50 - direct.p50,
    ratio: Math.round((proxied.p50 / Math.max(direct.p50, 0.01)) * 100) / 100,
  };
}
// --- the page: the built storefront served by vite preview, the proxy still running ---
run(bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
const preview = spawn(bin('vite'), ['preview', '--config', 'vite.config.ts'], {
  cwd: root,
  env: offlineEnv,
  detached: true,
  stdio: 'ignore',
});
let page: { withWidget: Audit; withoutWidget: Audit };
try {
  for (let i = 0; i < 40; i++) {
    if (
      await fetch('http://localhost:5173/').then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  page = {
    withWidget: await audit('http://localhost:5173/'),
    withoutWidget: await audit('http://localhost:5173/?no-widget'),
  };
} finally {
  if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
}
stack.stop();

// --- report ---
console.log('\nwidget (dist/widget/cdn)');
printSizes(widget);
console.log(`\nproxy Worker (wrangler deploy --dry-run --minify): ${kib(worker.raw)} raw, ${kib(worker.gzip)} gzip`);
console.log(`\nlatency on loopback, ${CONNECTIONS} connections (ms; p95 is autocannon's p97.5)`);
console.log(
  'route'.padEnd(20),
  'via proxy p50/p95/p99'.padStart(24),
  'req/s'.padStart(7),
  'direct p50/p95/p99'.padStart(22),
  'req/s'.padStart(7),
  'added p50'.padStart(10),
  'ratio'.padStart(7),
  'errors'.padStart(8),
);
for (const [name, r] of Object.entries(latency)) {
  const triple = (f: Figures) => `${f.p50}/${f.p95}/${f.p99}`;
  console.log(
    name.padEnd(20),
    triple(r.proxy).padStart(24),
    String(r.proxy.rps).padStart(7),
    triple(r.direct).padStart(22),
    String(r.direct.rps).padStart(7),
    `${r.addedMs} ms`.padStart(10),
    `${r.ratio}×`.padStart(7),
    `${r.proxy.errors}/${r.direct.errors}`.padStart(8),
  );
}

console.log('\nLighthouse, demo cart page (vite preview build, default mobile settings)');
console.log(
  ''.padEnd(16),
  'performance'.padStart(12),
  'accessibility'.padStart(14),
  'best practices'.padStart(15),
  'TBT ms'.padStart(8),
  'CLS'.padStart(7),
);
for (const [name, a] of [
  ['with widget', page.withWidget],
  ['without widget', page.withoutWidget],
] as const) {
  console.log(
    name.padEnd(16),
    String(a.performance).padStart(12),
    String(a.accessibility).padStart(14),
    String(a.bestPractices).padStart(15),
    String(a.totalBlockingTimeMs).padStart(8),
    String(a.cumulativeLayoutShift).padStart(7),
  );
}
console.log(
  `added by the widget: TBT ${page.withWidget.totalBlockingTimeMs - page.withoutWidget.totalBlockingTimeMs} ms, CLS ${(page.withWidget.cumulativeLayoutShift - page.withoutWidget.cumulativeLayoutShift).toFixed(3)}`,
);

mkdirSync(resolve(root, 'bench'), { recursive: true });
const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  widget,
  worker,
  latency,
  requests: { reads: REQUESTS, checkouts: CHECKOUTS, connections: CONNECTIONS },
  page,
};
writeFileSync(resolve(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
process.exit(widget.every((r) => r.ok) ? 0 : 1);
