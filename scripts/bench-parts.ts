// Where a member request's time goes inside the proxy, step by step: proxy/bench/parts-worker.ts
// (built with the proxy's configuration, its Durable Objects included) runs one step N times per
// request in workerd; a step's cost is (median time with n = N − median time with n = 0) / N,
// because the Workers clock does not move while code runs and in-Worker timers cannot read it.
// Bounded counts, in-process requests (no sockets). Used by `npm run bench`;
// `node scripts/bench-parts.ts` runs it alone.
import { buildWorker, proxyWorker, run } from './bench-workerd.ts';
import { setup } from './setup.ts';

/** The steps of member authentication and of a Spendgo call, in the order a request meets them. */
export const STEPS = {
  'decrypt-token': 'access token decryption (JWE, A256GCM)',
  'verify-dpop': 'DPoP proof signature and claims (ES256)',
  'dpop-nonce': 'DPoP nonce, minted and checked (HMAC)',
  'rate-limiter': 'member rate limiter call',
  'proof-check': "sign-in's Durable Object: proof id admitted",
  'sign-request': 'Spendgo request signature (HMAC)',
  'read-answer': "Spendgo answer's JSON read and keys lowercased",
  'whole-noop': 'the whole app, in process: a route that does no work',
  'whole-auth': 'the whole app, in process: a member read refused at the proof check',
} as const;

const ROUNDS = 9;
const N = { 'proof-check': 100, 'rate-limiter': 200, 'whole-noop': 200, 'whole-auth': 100 } as Record<string, number>;
const COMPUTE_N = 500;

export type PartsBench = Record<keyof typeof STEPS, { perCallMs: number; n: number }>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchParts(): Promise<PartsBench> {
  buildWorker('wrangler.toml', 'parts', 'proxy/bench/parts-worker.ts');
  // Not on the proxy's port: the bench's other runs may hold it.
  const mf = await run(8797, [proxyWorker('socket', 'parts', 'parts-worker.js')]);
  try {
    const time = async (step: string, n: number) => {
      const start = performance.now();
      const res = await mf.dispatchFetch(`http://bench/${step}?n=${n}`);
      if (res.status !== 204) throw new Error(`${step}: ${res.status} ${await res.text()}`);
      return performance.now() - start;
    };
    const figures = {} as PartsBench;
    for (const step of Object.keys(STEPS) as (keyof typeof STEPS)[]) {
      const n = N[step] ?? COMPUTE_N;
      await time(step, n); // warm-up: compiling the step's code
      const empty: number[] = [];
      const full: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        empty.push(await time(step, 0));
        full.push(await time(step, n));
      }
      figures[step] = { perCallMs: Math.round(((median(full) - median(empty)) / n) * 1000) / 1000, n };
    }
    return figures;
  } finally {
    await mf.dispose();
  }
}

export function printParts(figures: PartsBench): void {
  console.log('\nproxy steps, each timed over N calls in workerd (per call)');
  for (const [step, label] of Object.entries(STEPS)) {
    const f = figures[step as keyof typeof STEPS];
    console.log(`  ${label.padEnd(50)} ${f.perCallMs.toFixed(3).padStart(7)} ms  (N = ${f.n})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup(); // the local settings (.dev.vars) the proxy's configuration reads
  printParts(await benchParts());
}
