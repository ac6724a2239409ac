// `npm run bench`: prints and records (bench/results.json) what the product costs:
//   - the widget's transfer sizes (script-tag build) against its budgets;
//   - the proxy Worker's bundle size (wrangler deploy --dry-run, minified);
//   - on loopback, latency (p50/p95/p99) and throughput of GET /v1/rewards, GET /v1/balance and
//     POST /v1/checkout through the proxy, next to the same signed calls made straight to the
//     sandbox and through a hand-written Node backend (bench/hand-written-backend.ts) in the
//     same run: first in workerd (scripts/bench-workerd.ts; 1 and 16 connections, the sandbox
//     reached over its socket, and over a service binding), then through `wrangler dev`;
//   - the proxy's own steps one by one in workerd (scripts/bench-parts.ts), and its CPU per
//     sign-in, page view and order, read from its own workerd process (scripts/bench-orders.ts),
//     and its Durable Object calls and rows written, counted as it runs (scripts/bench-counts.ts);
//   - the order index's writes and console reads in workerd (scripts/bench-index.ts);
//   - the drain after a Spendgo outage: 1,000 events, with production-like backoff
//     (scripts/bench-recovery.ts runs the recovery suite), against its 60 s goal;
//   - Lighthouse on the built demo cart page with and without the widget (scripts/bench-page.ts).
// A measurement, not a test: request counts are bounded and only 127.0.0.1 is contacted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKOUTS, CONNECTIONS, measureLatency, REQUESTS } from './bench-latency.ts';
import { printLatency } from './bench-report.ts';
import { benchCounts, printCounts } from './bench-counts.ts';
import { benchIndex, printIndex } from './bench-index.ts';
import { benchOrders, printOrders } from './bench-orders.ts';
import { benchPage, printPage } from './bench-page.ts';
import { benchParts, printParts } from './bench-parts.ts';
import { benchRecovery, printRecovery } from './bench-recovery.ts';
import { buildWorkers, startWorkerd, type Outbound } from './bench-workerd.ts';
import { gzipSize, kib, printSizes, widgetSizes } from './size-report.ts';
import { bin, offlineEnv, root, setup } from './setup.ts';
import { startStack } from './stack.ts';

setup();

function run(command: string, args: string[], env: NodeJS.ProcessEnv = offlineEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// --- sizes ---
run(process.execPath, ['scripts/build-widget.ts']);
const widget = widgetSizes()!;
const workerDir = resolve(root, 'dist/bench-proxy');
run(bin('wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', workerDir, '--config', 'wrangler.toml']);
const workerBytes = readFileSync(resolve(workerDir, 'index.js'));
const worker = { raw: workerBytes.length, gzip: gzipSize(workerBytes) };

// --- the local system through wrangler dev: the page first, while the machine is quiet ---
const stack = startStack(() => undefined, ['sandbox', 'proxy']);
process.on('exit', () => {
  stack.stop();
});
if (!(await stack.ready)) {
  console.error('bench: the proxy and sandbox did not come up');
  process.exit(1);
}
const page = await benchPage();

// --- latency through wrangler dev ---
const { latency, breakdown } = await measureLatency();
stack.stop();
// workerd takes the same ports: wait until wrangler dev has let them go.
for (let i = 0; i < 80; i++) {
  const busy = await fetch('http://127.0.0.1:8787/').then(
    () => true,
    () => false,
  );
  if (!busy) break;
  await new Promise((r) => setTimeout(r, 250));
}

// --- latency in workerd, with the hand-written backend beside it ---
const HAND_WRITTEN = 'http://127.0.0.1:8790';
buildWorkers();
const handWritten = spawn(process.execPath, ['bench/hand-written-backend.ts', '8790'], {
  cwd: root,
  env: offlineEnv,
  stdio: 'ignore',
});
for (let i = 0; i < 40; i++) {
  if (
    await fetch(HAND_WRITTEN).then(
      () => true,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 250));
}
const workerdRuns: [Outbound, number][] = [
  ['socket', 1],
  ['socket', 16],
  ['binding', 1],
];
const workerd: Record<string, Awaited<ReturnType<typeof measureLatency>>> = {};
try {
  for (const [outbound, connections] of workerdRuns) {
    const mf = await startWorkerd(outbound);
    try {
      workerd[`${outbound}, ${connections} connection${connections > 1 ? 's' : ''}`] = await measureLatency(
        connections,
        HAND_WRITTEN,
      );
    } finally {
      await mf.dispose();
    }
  }
} finally {
  handWritten.kill();
}
// --- the proxy's steps, its CPU per order, the order index: in workerd ---
const parts = await benchParts();
const orders = await benchOrders();
const objectUse = await benchCounts();
const orderIndex = await benchIndex();
const recovery = benchRecovery();

// --- report ---
console.log('\nwidget (dist/widget/cdn)');
printSizes(widget);
console.log(`\nproxy Worker (wrangler deploy --dry-run --minify): ${kib(worker.raw)} raw, ${kib(worker.gzip)} gzip`);
for (const [name, run] of Object.entries(workerd))
  printLatency(
    `latency in workerd (built Workers, no dev server), sandbox over ${name}`,
    run.latency,
    run.breakdown,
    'a route that does no work (the discovery document: Hono, the log line)',
  );
printParts(parts);
printOrders(orders);
printCounts(objectUse);
printIndex(orderIndex);
printRecovery(recovery);
printLatency(
  `latency through wrangler dev (second table: its local server adds a hop each way), ${CONNECTIONS} connection(s)`,
  latency,
  breakdown,
  "a route that does no work (wrangler dev's extra hop, Hono, the log line)",
);

const pageOk = printPage(page);

mkdirSync(resolve(root, 'bench'), { recursive: true });
const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  widget,
  worker,
  workerd,
  parts,
  orders,
  objectUse,
  orderIndex,
  recovery,
  wranglerDev: { latency, breakdown },
  requests: { reads: REQUESTS, checkouts: CHECKOUTS, connections: CONNECTIONS },
  page,
};
writeFileSync(resolve(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
process.exit(widget.every((r) => r.ok) && pageOk && recovery.ok ? 0 : 1);
