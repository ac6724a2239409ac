// Recovery speed for `npm run bench`: runs the proxy's recovery suite (proxy/test/recovery/, in
// workerd against the sandbox: 1,000 events over 250 orders caught in a Spendgo outage, with
// production-like backoff) and reads back how long the events took to drain after Spendgo came
// back. The suite checks the behaviour (woken early, delivered exactly once); the bench reports
// the time against its goal. `node scripts/bench-recovery.ts` runs it alone.
import { spawnSync } from 'node:child_process';
import { bin, offlineEnv, root } from './setup.ts';

/** Drain time goal after an outage, for 1,000 pending events (issue: recovery speed). */
export const DRAIN_GOAL_SECONDS = 60;

export interface RecoveryBench {
  events: number;
  orders: number;
  drainSeconds: number;
  ok: boolean;
}

export function benchRecovery(): RecoveryBench {
  const run = spawnSync(bin('vitest'), ['run', '--project', 'proxy-recovery', '--reporter=default'], {
    cwd: root,
    env: offlineEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  const drained = /recovery: (\d+) events \((\d+) orders\) drained ([\d.]+) s/.exec(output);
  if (run.status !== 0 || !drained) throw new Error(`the recovery suite failed:\n${output.slice(-4000)}`);
  const drainSeconds = Number(drained[3]);
  return {
    events: Number(drained[1]),
    orders: Number(drained[2]),
    drainSeconds,
    ok: drainSeconds <= DRAIN_GOAL_SECONDS,
  };
}

export function printRecovery(figures: RecoveryBench): void {
  console.log(
    `\nrecovery after a Spendgo outage (proxy/test/recovery, workerd): ${figures.events} events over ${figures.orders} orders ` +
      `drained ${figures.drainSeconds} s after Spendgo came back (goal ≤ ${DRAIN_GOAL_SECONDS} s): ${figures.ok ? 'ok' : 'OVER'}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printRecovery(benchRecovery());
