// What the proxy's work costs, measured rather than counted: the built proxy in a workerd process
// of its own (the sandbox in another, reached over its socket), its CPU time read from /proc
// before and after each bounded batch, less what the idle process uses in the same time. Batches:
// sign-ins; member page views (balance and rewards); member orders, each validated twice (a cart
// change), then placed (waiting for Spendgo's verdict), billed and completed through the merchant
// API, until every event is delivered and its webhook taken. Then times each call of an order at
// 1 and 16 orders in flight, through the proxy and straight to the sandbox (the same Spendgo calls).
// A CPU figure here is the whole workerd process (HTTP parsing and the runtime's own work
// included), so it is an upper bound on what Cloudflare would bill. Loopback only.
// Used by `npm run bench`; `node scripts/bench-orders.ts` runs it alone.
import { createMerchantClient } from '../merchant/client.ts';
import { benchMember, PROXY, SANDBOX } from './bench-member.ts';
import {
  directOrders,
  noCalls,
  proxyOrders,
  runOrders,
  STEPS,
  webhookReceiver,
  type Calls,
  type Step,
} from './bench-lifecycle.ts';
import { directSpendgo } from './bench-spendgo.ts';
import { buildWorkers, cpuMs, quietProcess, startApart } from './bench-workerd.ts';
import { setup } from './setup.ts';

/** Each batch runs this many times; a figure is the median batch's (this machine's CPU
 * readings vary by a third from one batch to the next). */
const ROUNDS = 3;
const ORDERS = 40;
const SIGN_INS = 15;
const PAGE_VIEWS = 100;
/** Orders per call-timing run (one at a time, and 16 in flight), each way. */
const TIMED_ORDERS = 160;

export interface Timing {
  n: number;
  p50: number;
  p99: number;
}

/** CPU ms of the proxy's process and, for the same work, of the sandbox's (Spendgo's side). */
export interface Cpu {
  proxy: number;
  sandbox: number;
}

export interface OrderBench {
  orders: number;
  cpuMsPerSignIn: Cpu;
  cpuMsPerPageView: Cpu;
  /** Two validations, placed, billed, completed, their deliveries and webhooks. */
  cpuMsPerOrder: Cpu;
  webhooksPerOrder: number;
  /** Milliseconds each call of an order took, as its caller sees it, and orders a second. */
  calls: Record<'oneAtATime' | 'sixteenInFlight', Record<'proxy' | 'direct', Timings>>;
}

export type Timings = Record<Step, Timing> & { ordersPerSecond: number };

const timing = (times: number[]): Timing => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: sorted.length, p50: Math.round(at(0.5) * 10) / 10, p99: Math.round(at(0.99) * 10) / 10 };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchOrders(): Promise<OrderBench> {
  const receiver = await webhookReceiver();
  const workerd = await startApart();
  try {
    const { proxyPid: pid, sandboxPid } = workerd;
    await fetch(`${SANDBOX}/__sandbox/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    // Idle use of each process, per ms, to take off each batch's reading.
    const both = (): Cpu => ({ proxy: cpuMs(pid), sandbox: cpuMs(sandboxPid) });
    const idleFrom = both();
    const idleStart = performance.now();
    await sleep(2000);
    const idleMs = performance.now() - idleStart;
    const idleTo = both();
    /** Each process's CPU ms for `work`, less the idle process's in the same time. */
    const cpuOf = async (work: () => Promise<void>): Promise<Cpu> => {
      const from = both();
      const start = performance.now();
      await work();
      const to = both();
      const took = performance.now() - start;
      const used = (key: keyof Cpu) => to[key] - from[key] - ((idleTo[key] - idleFrom[key]) / idleMs) * took;
      return { proxy: used('proxy'), sandbox: used('sandbox') };
    };
    /** `batch` ROUNDS times; the round with the median proxy CPU. */
    const medianOf = async (batch: (round: number) => Promise<void>): Promise<Cpu> => {
      const rounds: Cpu[] = [];
      for (let round = 0; round < ROUNDS; round++) rounds.push(await cpuOf(() => batch(round)));
      return rounds.sort((a, b) => a.proxy - b.proxy)[Math.floor(ROUNDS / 2)]!;
    };

    const member = await benchMember();
    await member.askNonce();
    const warmToken = await member.signIn(); // the first requests of a path pay for compiling it
    const tokens: string[] = [];
    const signInCpu = await medianOf(async () => {
      for (let i = 0; i < SIGN_INS; i++) tokens.push(await member.signIn());
    });

    const pageView = async (token: string) => {
      await member.get(token, '/v1/balance');
      await member.get(token, '/v1/rewards?store=999999');
    };
    await pageView(warmToken);
    const pageViewCpu = await medianOf(async () => {
      for (let i = 0; i < PAGE_VIEWS; i++) await pageView(tokens[i % tokens.length]!);
    });

    const run = Date.now().toString(36);
    const viaProxy = proxyOrders(member, tokens, run);
    await viaProxy(-1, null); // warm-up
    await quietProcess(pid);
    const webhooksBefore = receiver.received();
    const orderIds: string[] = [];
    const orderCpu = await medianOf(async (round) => {
      orderIds.push(...(await runOrders(viaProxy, round * ORDERS, ORDERS, 1, null)));
      await quietProcess(pid); // the last deliveries and webhooks
    });
    const orderWebhooks = (receiver.received() - webhooksBefore) / ROUNDS;

    // The calls timed, through the proxy and straight to the sandbox, at 1 and 16 in flight.
    const direct = directOrders(directSpendgo(), run);
    await direct(-1, null);
    const timings = async (order: typeof direct, from: number, inFlight: number): Promise<Timings> => {
      const calls: Calls = noCalls();
      const start = performance.now();
      const ids = await runOrders(order, from, TIMED_ORDERS, inFlight, calls);
      const seconds = (performance.now() - start) / 1000;
      if (order === viaProxy) orderIds.push(...ids);
      const figures = Object.fromEntries(STEPS.map((step) => [step, timing(calls[step])])) as Record<Step, Timing>;
      return { ...figures, ordersPerSecond: Math.round(TIMED_ORDERS / seconds) };
    };
    const first = ORDERS * ROUNDS;
    const calls = {
      oneAtATime: { proxy: await timings(viaProxy, first, 1), direct: await timings(direct, first, 1) },
      sixteenInFlight: {
        proxy: await timings(viaProxy, first + TIMED_ORDERS, 16),
        direct: await timings(direct, first + TIMED_ORDERS, 16),
      },
    };
    await quietProcess(pid);

    // Read back after the readings: every event delivered, none waiting.
    const merchant = createMerchantClient({
      proxyUrl: PROXY,
      clientId: 'demo-storefront',
      secret: 'demo-merchant-secret-change-me-0001',
    });
    for (const id of orderIds) {
      const view = await merchant.get(id);
      const undelivered = view.events.filter((e) => e.state !== 'delivered');
      if (view.status !== 'completed' || undelivered.length > 0)
        throw new Error(`${id} is ${view.status} with ${undelivered.length} event(s) not delivered`);
    }
    const round = (ms: number) => Math.round(ms * 100) / 100;
    const per = (cpu: Cpu, n: number): Cpu => ({ proxy: round(cpu.proxy / n), sandbox: round(cpu.sandbox / n) });
    return {
      orders: ORDERS * ROUNDS + 2 * TIMED_ORDERS,
      cpuMsPerSignIn: per(signInCpu, SIGN_INS),
      cpuMsPerPageView: per(pageViewCpu, PAGE_VIEWS),
      cpuMsPerOrder: per(orderCpu, ORDERS),
      webhooksPerOrder: round(orderWebhooks / ORDERS),
      calls,
    };
  } finally {
    await workerd.dispose();
    receiver.close();
  }
}

export function printOrders(figures: OrderBench): void {
  console.log(
    `\nproxy CPU, measured (each Worker in its own workerd process, /proc, idle use taken off; an upper bound: HTTP and runtime included)`,
  );
  const row = (name: string, cpu: Cpu) => {
    console.log(
      `  ${name.padEnd(40)} proxy ${cpu.proxy.toFixed(1).padStart(6)} ms   sandbox ${cpu.sandbox.toFixed(1)} ms`,
    );
  };
  row('per sign-in', figures.cpuMsPerSignIn);
  row('per page view (balance, rewards)', figures.cpuMsPerPageView);
  row('per order (2 validations, 3 events)', figures.cpuMsPerOrder);
  console.log(`  (an order's figure includes its deliveries and ${figures.webhooksPerOrder} webhooks)`);
  for (const [name, run] of [
    ['one order at a time', figures.calls.oneAtATime],
    ['16 orders in flight', figures.calls.sixteenInFlight],
  ] as const) {
    console.log(`an order's calls, ${name} (${TIMED_ORDERS} orders; placed waits for Spendgo's verdict; p50 / p99 ms)`);
    console.log(`  ${''.padEnd(12)} ${'through the proxy'.padStart(18)} ${'direct'.padStart(14)}`);
    for (const step of STEPS)
      console.log(
        `  ${step.padEnd(12)} ${`${run.proxy[step].p50} / ${run.proxy[step].p99}`.padStart(18)} ${`${run.direct[step].p50} / ${run.direct[step].p99}`.padStart(14)}`,
      );
    console.log(
      `  ${'orders/s'.padEnd(12)} ${String(run.proxy.ordersPerSecond).padStart(18)} ${String(run.direct.ordersPerSecond).padStart(14)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup(); // the local settings (.dev.vars) the Workers' configuration reads
  buildWorkers();
  printOrders(await benchOrders());
}
