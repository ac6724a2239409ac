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
//   - Lighthouse on the built demo cart page with and without the widget.
// A measurement, not a test: request counts are bounded and only 127.0.0.1 is contacted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKOUTS, CONNECTIONS, measureLatency, REQUESTS } from './bench-latency.ts';
import { printLatency } from './bench-report.ts';
import { benchCounts, printCounts } from './bench-counts.ts';
import { benchIndex, printIndex } from './bench-index.ts';
import { benchOrders, printOrders } from './bench-orders.ts';
import { benchParts, printParts } from './bench-parts.ts';
import { benchRecovery, printRecovery } from './bench-recovery.ts';
import { buildWorkers, startWorkerd, type Outbound } from './bench-workerd.ts';
import { audit, type Audit } from './lighthouse-audit.ts';
import { gzipSize, kib, printSizes, widgetSizes } from './size-report.ts';
import { bin, offlineEnv, root, setup } from './setup.ts';
import { startStack } from './stack.ts';

setup();

/** Lighthouse runs per page; each figure is their median (one run varies by tens of ms here). */
const LIGHTHOUSE_RUNS = 5;
/** What the widget may add to the cart page's total blocking time (ms), and to its layout shift. */
const PAGE_BUDGET = { addedBlockingMs: 30, addedLayoutShift: 0 };

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
// The built storefront served by vite preview (once with the widget, once built without it on
// another port), the proxy running for its guest validation.
run(bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
  ...offlineEnv,
  DEMO_WITHOUT_WIDGET: '1',
});
const previews = [
  ['--port', '5173'],
  ['--port', '5174', '--outDir', resolve(root, 'dist/storefront-without-widget')],
].map((args) =>
  spawn(bin('vite'), ['preview', '--config', 'vite.config.ts', '--strictPort', ...args], {
    cwd: root,
    env: offlineEnv,
    detached: true,
    stdio: 'ignore',
  }),
);
let page: { withWidget: Audit; withoutWidget: Audit };
try {
  for (const url of ['http://localhost:5173/', 'http://localhost:5174/'])
    for (let i = 0; i < 40; i++) {
      if (
        await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
  page = {
    withWidget: await audit('http://localhost:5173/', LIGHTHOUSE_RUNS),
    withoutWidget: await audit('http://localhost:5174/', LIGHTHOUSE_RUNS),
  };
} finally {
  for (const preview of previews) if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
}

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

console.log(
  `\nLighthouse, demo cart page (vite preview build, default mobile settings; median of ${LIGHTHOUSE_RUNS} runs)`,
);
console.log(
  ''.padEnd(16),
  'performance'.padStart(12),
  'accessibility'.padStart(14),
  'best practices'.padStart(15),
  'TBT ms'.padStart(8),
  'FCP ms'.padStart(8),
  'LCP ms'.padStart(8),
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
    String(a.firstContentfulPaintMs).padStart(8),
    String(a.largestContentfulPaintMs).padStart(8),
    String(a.cumulativeLayoutShift).padStart(7),
  );
}
console.log('where the blocking time went with the widget (median run; Lighthouse throttles the CPU 4×):');
for (const t of page.withWidget.longTasks)
  console.log(`  long task at ${t.startMs} ms: ${t.durationMs} ms (${t.durationMs - 50} ms blocking), ${t.url}`);
for (const s of page.withWidget.scripts)
  console.log(`  script ${s.url}: ${s.scriptingMs} ms evaluating, ${s.parseMs} ms parsing and compiling`);
const addedBlockingMs = page.withWidget.totalBlockingTimeMs - page.withoutWidget.totalBlockingTimeMs;
const addedLayoutShift = page.withWidget.cumulativeLayoutShift - page.withoutWidget.cumulativeLayoutShift;
const pageOk = addedBlockingMs <= PAGE_BUDGET.addedBlockingMs && addedLayoutShift <= PAGE_BUDGET.addedLayoutShift;
console.log(
  `TBT of each run (ms): with the widget ${page.withWidget.totalBlockingTimeRunsMs.join(', ')}; ` +
    `without ${page.withoutWidget.totalBlockingTimeRunsMs.join(', ')}`,
);
console.log(
  `added by the widget: TBT ${addedBlockingMs} ms (budget ${PAGE_BUDGET.addedBlockingMs}), ` +
    `first paint ${page.withWidget.firstContentfulPaintMs - page.withoutWidget.firstContentfulPaintMs} ms later ` +
    `(the demo's cart script, with the widget, is render-blocking: its work comes before the first paint, where TBT does not count it), ` +
    `CLS ${addedLayoutShift.toFixed(3)} (budget ${PAGE_BUDGET.addedLayoutShift}): ${pageOk ? 'ok' : 'OVER'}`,
);

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
