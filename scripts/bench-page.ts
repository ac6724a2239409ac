// The widget on the demo cart page: the built storefront served by vite preview, once with the
// widget and once built without it, each audited by Lighthouse (lighthouse-audit.ts), and what
// the widget adds (total blocking time, first paint, layout shift) against its budgets. Needs the
// sandbox and the proxy running (the widget validates the guest's cart); run on its own
// (`node scripts/bench-page.ts`), it starts them. Used by `npm run bench`.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { audit, type Audit } from './lighthouse-audit.ts';
import { bin, offlineEnv, root, setup } from './setup.ts';
import { startStack } from './stack.ts';

/** Lighthouse runs per page; each figure is their median (one run varies by tens of ms here). */
export const LIGHTHOUSE_RUNS = 5;
/** What the widget may add to the cart page's total blocking time (ms), and to its layout shift. */
const PAGE_BUDGET = { addedBlockingMs: 30, addedLayoutShift: 0 };

export interface PageFigures {
  withWidget: Audit;
  withoutWidget: Audit;
}

function build(env: NodeJS.ProcessEnv): void {
  const result = spawnSync(bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('bench-page: vite build failed');
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`bench-page: ${url} did not answer`);
}

/** Builds both pages, serves them and audits each (the proxy and sandbox must be up). */
export async function benchPage(runs = LIGHTHOUSE_RUNS): Promise<PageFigures> {
  build(offlineEnv);
  build({ ...offlineEnv, DEMO_WITHOUT_WIDGET: '1' });
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
  try {
    await waitFor('http://localhost:5173/');
    await waitFor('http://localhost:5174/');
    return {
      withWidget: await audit('http://localhost:5173/', runs),
      withoutWidget: await audit('http://localhost:5174/', runs),
    };
  } finally {
    for (const preview of previews) if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
  }
}

/** Prints the two audits and what the widget adds; true when that is within budget. */
export function printPage(page: PageFigures): boolean {
  const runs = page.withWidget.totalBlockingTimeRunsMs.length;
  console.log(`\nLighthouse, demo cart page (vite preview build, default mobile settings; median of ${runs} runs)`);
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
  const ok = addedBlockingMs <= PAGE_BUDGET.addedBlockingMs && addedLayoutShift <= PAGE_BUDGET.addedLayoutShift;
  console.log(
    `TBT of each run (ms): with the widget ${page.withWidget.totalBlockingTimeRunsMs.join(', ')}; ` +
      `without ${page.withoutWidget.totalBlockingTimeRunsMs.join(', ')}`,
  );
  console.log(
    `added by the widget: TBT ${addedBlockingMs} ms (budget ${PAGE_BUDGET.addedBlockingMs}), ` +
      `first paint ${page.withWidget.firstContentfulPaintMs - page.withoutWidget.firstContentfulPaintMs} ms later ` +
      `(the demo's cart script, with the widget, is render-blocking: its work comes before the first paint, where TBT does not count it), ` +
      `CLS ${addedLayoutShift.toFixed(3)} (budget ${PAGE_BUDGET.addedLayoutShift}): ${ok ? 'ok' : 'OVER'}`,
  );
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup(); // the local settings (.dev.vars) the Workers' configuration reads
  const stack = startStack(() => undefined, ['sandbox', 'proxy']);
  try {
    if (!(await stack.ready)) throw new Error('bench-page: the proxy and sandbox did not come up');
    const runs = Number(process.env.BENCH_PAGE_RUNS ?? LIGHTHOUSE_RUNS);
    process.exitCode = printPage(await benchPage(runs)) ? 0 : 1;
  } finally {
    stack.stop();
  }
}
