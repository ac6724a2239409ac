// What the proxy asks of Durable Objects, counted while it works rather than read off the code:
// proxy/bench/counting-worker.ts (the proxy as shipped, its Durable Object stubs and storage
// counted) in a workerd process of its own, the sandbox in another. Bounded batches of
// sign-ins, page views (balance and rewards) and member orders (two validations, placed, billed,
// completed, until every delivery and webhook is done); the counts of each batch, per unit.
// Alarms a batch sets for later (the erasures a day on) are not in its window. Loopback only.
// Used by `npm run bench`; `node scripts/bench-counts.ts` runs it alone.
import { benchMember, PROXY, SANDBOX } from './bench-member.ts';
import { proxyOrders, runOrders, webhookReceiver } from './bench-lifecycle.ts';
import { buildWorker, buildWorkers, proxyWorker, quietProcess, startApart } from './bench-workerd.ts';
import { setup } from './setup.ts';

const BATCH = 10;

interface Raw {
  requests: Record<string, number>;
  alarms: Record<string, number>;
  rowsWritten: Record<string, number>;
  schemaRowsWritten: Record<string, number>;
}

/** Per unit of work: Durable Object calls and alarms run, and SQLite rows written, by binding. */
export interface Usage {
  objectRequests: number;
  alarms: number;
  rowsWritten: number;
  /** Of rowsWritten: new objects creating their tables and indexes. */
  schemaRowsWritten: number;
  byBinding: Record<string, { requests: number; alarms: number; rowsWritten: number; schemaRowsWritten: number }>;
}

export type CountsBench = Record<'signIn' | 'pageView' | 'order', Usage>;

const sum = (table: Record<string, number>) => Object.values(table).reduce((a, b) => a + b, 0);
const per = (raw: Raw, n: number): Usage => {
  const round = (x: number) => Math.round((x / n) * 10) / 10;
  const bindings = [
    ...new Set([...Object.keys(raw.requests), ...Object.keys(raw.alarms), ...Object.keys(raw.rowsWritten)]),
  ];
  return {
    objectRequests: round(sum(raw.requests)),
    alarms: round(sum(raw.alarms)),
    rowsWritten: round(sum(raw.rowsWritten)),
    schemaRowsWritten: round(sum(raw.schemaRowsWritten)),
    byBinding: Object.fromEntries(
      bindings.sort().map((b) => [
        b,
        {
          requests: round(raw.requests[b] ?? 0),
          alarms: round(raw.alarms[b] ?? 0),
          rowsWritten: round(raw.rowsWritten[b] ?? 0),
          schemaRowsWritten: round(raw.schemaRowsWritten[b] ?? 0),
        },
      ]),
    ),
  };
};

export async function benchCounts(): Promise<CountsBench> {
  buildWorker('wrangler.toml', 'counting', 'proxy/bench/counting-worker.ts');
  const receiver = await webhookReceiver();
  const workerd = await startApart(proxyWorker('socket', 'counting', 'counting-worker.js'));
  try {
    const counts = async (): Promise<Raw> => (await fetch(`${PROXY}/__bench/counts`)).json() as Promise<Raw>;
    await fetch(`${SANDBOX}/__sandbox/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    const member = await benchMember();
    await member.askNonce();
    await member.signIn(); // warm-up
    await quietProcess(workerd.proxyPid);
    await counts();

    const tokens: string[] = [];
    for (let i = 0; i < BATCH; i++) tokens.push(await member.signIn());
    await quietProcess(workerd.proxyPid);
    const signIns = await counts();

    for (let i = 0; i < BATCH; i++) {
      await member.get(tokens[i]!, '/v1/balance');
      await member.get(tokens[i]!, '/v1/rewards?store=999999');
    }
    await quietProcess(workerd.proxyPid);
    const pageViews = await counts();

    await runOrders(proxyOrders(member, tokens, `counts-${Date.now().toString(36)}`), 0, BATCH, 1, null);
    await quietProcess(workerd.proxyPid); // the deliveries and webhooks
    const orders = await counts();
    if (receiver.received() !== 3 * BATCH)
      throw new Error(`expected ${3 * BATCH} webhooks, the backend took ${receiver.received()}`);
    return { signIn: per(signIns, BATCH), pageView: per(pageViews, BATCH), order: per(orders, BATCH) };
  } finally {
    await workerd.dispose();
    receiver.close();
  }
}

export function printCounts(figures: CountsBench): void {
  console.log(
    '\nDurable Object use, counted while the proxy ran (per unit; alarms set for later, such as erasures, not included)',
  );
  for (const [name, usage] of [
    ['per sign-in', figures.signIn],
    ['per page view (balance, rewards)', figures.pageView],
    ['per order (2 validations, 3 events)', figures.order],
  ] as const) {
    console.log(
      `  ${name.padEnd(38)} ${usage.objectRequests} calls, ${usage.alarms} alarms run, ${usage.rowsWritten} rows written (${usage.schemaRowsWritten} of them new objects' tables)`,
    );
    for (const [binding, b] of Object.entries(usage.byBinding))
      console.log(
        `      ${binding.padEnd(16)} ${b.requests} calls, ${b.alarms} alarms, ${b.rowsWritten} rows (${b.schemaRowsWritten} tables)`,
      );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup(); // the local settings (.dev.vars) the Workers' configuration reads
  buildWorkers();
  printCounts(await benchCounts());
}
