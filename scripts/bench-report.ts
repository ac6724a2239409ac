// How `npm run bench` prints a latency run: one row per route, the proxy next to the same call
// made straight to the sandbox and, when it ran, through the hand-written Node backend; then
// where GET /v1/balance's added time goes.
import type { Breakdown, Figures, Latency } from './bench-latency.ts';

const triple = (f: Figures | undefined) => (f ? `${f.p50}/${f.p95}/${f.p99}` : '—');

export function printLatency(title: string, latency: Latency, breakdown: Breakdown, noOpRoute: string): void {
  console.log(`\n${title} (ms; p95 is autocannon's p97.5)`);
  console.log(
    'route'.padEnd(18),
    'proxy p50/p95/p99'.padStart(18),
    'req/s'.padStart(6),
    'direct'.padStart(10),
    'req/s'.padStart(6),
    'hand-written'.padStart(13),
    'req/s'.padStart(6),
    '+ vs direct'.padStart(12),
    '+ vs hand'.padStart(10),
    'req/s ratio'.padStart(12),
    'errors'.padStart(7),
  );
  for (const [name, r] of Object.entries(latency)) {
    const hand = r.handWritten;
    console.log(
      name.padEnd(18),
      triple(r.proxy).padStart(18),
      String(r.proxy.rps).padStart(6),
      triple(r.direct).padStart(10),
      String(r.direct.rps).padStart(6),
      triple(hand).padStart(13),
      String(hand?.rps ?? '—').padStart(6),
      `${r.addedMs} ms`.padStart(12),
      (hand ? `${r.proxy.p50 - hand.p50} ms` : '—').padStart(10),
      `${(r.proxy.rps / Math.max(r.direct.rps, 1)).toFixed(2)}×`.padStart(12),
      `${r.proxy.errors}/${r.direct.errors}`.padStart(7),
    );
  }
  console.log(
    `where GET /v1/balance's added ${breakdown.addedMs} ms go (p50): ${breakdown.devServerHopMs} ms ${noOpRoute}, ` +
      `${breakdown.memberAuthenticationMs} ms member authentication (token, DPoP proof, sign-in and replay check in ` +
      `one Durable Object call), ${breakdown.restMs} ms the rest (the Spendgo call made from inside the Worker, ` +
      'parsing, the answer)',
  );
}
