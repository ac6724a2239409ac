// The order index measured in workerd: the built proxy's OrderIndex class (one Durable Object
// per merchant client, with SQLite storage) driven by a small bench Worker in the same workerd,
// so the figures are the Durable Object's own (an RPC round trip and its SQL), not HTTP. It
// times, inside the Worker, 5,000 summary writes one at a time and 5,000 with 16 in flight
// (what one client's orders would send it), then 200 reads of each console view on the 10,000
// rows. Bounded counts, no sockets. Used by `npm run bench`; `node scripts/bench-index.ts` runs it alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { buildWorkers } from './bench-workerd.ts';
import { root } from './setup.ts';

const WRITES = 5_000;
const READS = 200;

/** The bench Worker: re-exports OrderIndex from the proxy bundle and times calls to it. */
const BENCH_WORKER = `
import { OrderIndex } from './proxy.js';
export { OrderIndex };
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const stats = (times, ms) => {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), perSecond: Math.round((s.length / ms) * 1000) };
};
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const index = env.ORDER_INDEX.get(env.ORDER_INDEX.idFromName('orders:bench-client'));
    const n = Number(url.searchParams.get('n'));
    const inFlight = Number(url.searchParams.get('c') ?? '1');
    const from = Number(url.searchParams.get('from') ?? '0');
    const times = [];
    let next = 0;
    const started = performance.now();
    const one = async (i) => {
      if (url.pathname === '/write') {
        await index.upsert({
          orderId: 'ORD-' + (from + i),
          status: ['placed', 'billed', 'completed', 'voided'][i % 4],
          attention: i % 50 === 0 ? 'dead_lettered' : null,
          holdUntil: i % 4 === 0 ? Date.now() + 86400000 : null,
          voidedBy: i % 4 === 3 ? (i % 8 === 3 ? 'hold_expired' : 'merchant') : null,
          placedAt: 1764000000000 + (from + i) * 1000,
        });
      } else {
        const views = [{ limit: 51 }, { attention: true, limit: 51 }, { held: true, limit: 51 }, { voidedBy: 'hold_expired', limit: 51 }];
        await index.list(views[i % views.length]);
      }
    };
    const worker = async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await one(i);
        times.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return Response.json(stats(times, performance.now() - started));
  },
};
`;

export interface IndexFigures {
  n: number;
  p50: number;
  p99: number;
  perSecond: number;
}

export interface IndexBench {
  writesOneAtATime: IndexFigures;
  writes16InFlight: IndexFigures;
  /** Newest 50, needing attention, held, auto-voided: 200 reads in turn on 10,000 rows. */
  reads: IndexFigures;
}

export async function benchIndex(): Promise<IndexBench> {
  const dir = resolve(root, 'dist/bench-workerd/index-bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'bench.js'), BENCH_WORKER);
  writeFileSync(resolve(dir, 'proxy.js'), readFileSync(resolve(root, 'dist/bench-workerd/proxy/index.js')));
  // Miniflare's earlier option format, as scripts/bench-workerd.ts passes it.
  const options = {
    workers: [
      {
        name: 'index-bench',
        modulesRoot: dir,
        modules: ['bench.js', 'proxy.js'].map((name) => ({ type: 'ESModule', path: resolve(dir, name) })),
        // The proxy's own (wrangler.toml).
        compatibilityDate: /^compatibility_date = "(.+)"$/m.exec(
          readFileSync(resolve(root, 'wrangler.toml'), 'utf8'),
        )![1]!,
        durableObjects: { ORDER_INDEX: { className: 'OrderIndex', useSQLite: true } },
      },
    ],
  };
  const mf = new Miniflare(
    convertV4MiniflareOptions(options as unknown as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  try {
    const call = async (path: string) =>
      (await mf.dispatchFetch(`http://bench${path}`)).json() as Promise<IndexFigures>;
    const writesOneAtATime = await call(`/write?n=${WRITES}&c=1&from=0`);
    const writes16InFlight = await call(`/write?n=${WRITES}&c=16&from=${WRITES}`);
    const reads = await call(`/read?n=${READS}&c=1`);
    return { writesOneAtATime, writes16InFlight, reads };
  } finally {
    await mf.dispose();
  }
}

export function printIndex(figures: IndexBench): void {
  const row = (name: string, f: IndexFigures) => {
    console.log(
      `  ${name.padEnd(34)} ${String(f.n).padStart(6)}  p50 ${f.p50.toFixed(2).padStart(6)} ms  p99 ${f.p99.toFixed(2).padStart(6)} ms  ${String(f.perSecond).padStart(6)}/s`,
    );
  };
  console.log(
    "\norder index (one OrderIndex Durable Object, workerd, timed inside the Worker; workerd's timers step in whole ms)",
  );
  row('summary writes, one at a time', figures.writesOneAtATime);
  row('summary writes, 16 in flight', figures.writes16InFlight);
  row('console views on 10,000 rows', figures.reads);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWorkers();
  printIndex(await benchIndex());
}
