// The proxy measured in the runtime it ships in: the built proxy and the built sandbox in one
// workerd (Miniflare), on the local system's ports (proxy 127.0.0.1:8787, sandbox
// 127.0.0.1:8788), with the local configuration (.dev.vars, the sandbox's wrangler.toml).
// No `wrangler dev` server in between: a request reaches the Worker straight from workerd's
// socket. Two ways for the proxy to reach the sandbox:
//   - `socket`: over HTTP to the sandbox's socket, as the proxy reaches Spendgo in production;
//   - `binding`: over a service binding (no socket, no HTTP parsing on the way out).
// Or apart (startApart): the proxy, or a bench build of it, and the sandbox in two workerd
// processes, so each one's CPU time can be read from /proc (cpuMs).
// The rate limits are raised for the run: the bench measures speed, and its bounded load comes
// from one address. Used by `npm run bench` (scripts/bench.ts) and its parts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { bin, offlineEnv, root } from './setup.ts';

export type Outbound = 'socket' | 'binding';

const out = resolve(root, 'dist/bench-workerd');

/** Builds a Worker as `wrangler deploy` would (minified), into dist/bench-workerd/<dir>/; `entry`
 * replaces the configuration's own `main` when given. */
export function buildWorker(config: string, dir: string, entry?: string): void {
  const built = spawnSync(
    bin('wrangler'),
    ['deploy', ...(entry ? [entry] : []), '--dry-run', '--minify', '--outdir', resolve(out, dir), '--config', config],
    { cwd: root, env: offlineEnv, stdio: 'ignore' },
  );
  if (built.status !== 0) throw new Error(`wrangler could not build ${entry ?? config}`);
}

/** Builds both Workers, into dist/bench-workerd/{proxy,sandbox}/. */
export function buildWorkers(): void {
  buildWorker('wrangler.toml', 'proxy');
  buildWorker('demo/sandbox/wrangler.toml', 'sandbox');
}

const unlimited = { simple: { limit: 1_000_000, period: 60 } };

/** What this runner reads of a Worker's Miniflare options (the rest passes through). */
export type WorkerConfig = Record<string, unknown> & {
  ratelimits?: Record<string, object>;
  bindings?: Record<string, unknown>;
};

/** The Worker's own options from its wrangler.toml, running its built bundle. */
function fromConfig(config: string, dir: string, script = 'index.js'): WorkerConfig {
  // The bundle is already built: rules for finding more modules do not apply.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(resolve(root, config))
    .workerOptions as WorkerConfig & { modulesRules?: unknown };
  return {
    ...workerOptions,
    modules: true,
    scriptPath: resolve(out, dir, script),
    modulesRoot: resolve(out, dir),
  };
}

/** The proxy's Worker (or another bundle built with its configuration: `script` in `dir`), its
 * rate limits raised for the bench's one address. */
export function proxyWorker(outbound: Outbound, dir = 'proxy', script = 'index.js'): WorkerConfig {
  const proxy = fromConfig('wrangler.toml', dir, script);
  return {
    ...proxy,
    name: 'proxy',
    ratelimits: Object.fromEntries(
      Object.entries(proxy.ratelimits ?? {}).map(([name, limiter]) => [name, { ...limiter, ...unlimited }]),
    ),
    ...(outbound === 'binding' && { serviceBindings: { SPENDGO_SERVICE: 'spendgo-sandbox' } }),
  };
}

/** The sandbox's Worker, with its admin routes (reset, faults) and its own socket on :8788. */
function sandboxWorker(): WorkerConfig {
  const sandbox = fromConfig('demo/sandbox/wrangler.toml', 'sandbox');
  return {
    ...sandbox,
    name: 'spendgo-sandbox',
    bindings: { ...(sandbox.bindings ?? {}), SANDBOX_ADMIN: 'true' },
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 8788 }],
  };
}

/** One Miniflare (one workerd process) running `workers`, the first on 127.0.0.1:`port`. */
export async function run(port: number, workers: WorkerConfig[], inspectorPort?: number): Promise<Miniflare> {
  // Wrangler describes a Worker in Miniflare's earlier option format; Miniflare converts it.
  const options = {
    host: '127.0.0.1',
    port,
    ...(inspectorPort && { inspectorPort }),
    // The Workers' request logs would flood the bench's report; errors still show.
    handleStructuredLogs: (log: { level: string; message: string }) => {
      if (log.level === 'error') console.error(log.message);
    },
    workers,
  };
  const mf = new Miniflare(
    convertV4MiniflareOptions(options as unknown as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  return mf;
}

async function answering(urls: string[]): Promise<void> {
  for (const url of urls) if (!(await fetch(url)).ok) throw new Error(`${url} does not answer in workerd`);
}

const PROXY_UP = 'http://127.0.0.1:8787/.well-known/openid-configuration';
const SANDBOX_UP = 'http://127.0.0.1:8788/__sandbox/faults';

/** Starts the proxy and the sandbox in one workerd; resolves once both answer. */
export async function startWorkerd(outbound: Outbound): Promise<Miniflare> {
  const mf = await run(8787, [proxyWorker(outbound), sandboxWorker()]);
  await answering([PROXY_UP, SANDBOX_UP]);
  return mf;
}

/** The workerd processes this Node process has started. */
function workerdChildren(): Set<number> {
  const listed = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' }).stdout;
  return new Set(
    listed
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'workerd')
      .map(([pid]) => Number(pid)),
  );
}

export interface Apart {
  proxy: Miniflare;
  sandbox: Miniflare;
  /** The processes running only the proxy and only the sandbox, for reading their CPU time. */
  proxyPid: number;
  sandboxPid: number;
  dispose: () => Promise<void>;
}

/** The sandbox and the proxy (or a bench build of it) in two workerd processes, the proxy
 * reaching the sandbox over its socket, so each one's CPU time can be read from its own process. */
export async function startApart(proxyConfig = proxyWorker('socket'), inspectorPort?: number): Promise<Apart> {
  const none = workerdChildren();
  const sandbox = await run(8788, [{ ...sandboxWorker(), unsafeDirectSockets: [] }]);
  const before = workerdChildren();
  const sandboxStarted = [...before].filter((pid) => !none.has(pid));
  const proxy = await run(8787, [proxyConfig], inspectorPort);
  const started = [...workerdChildren()].filter((pid) => !before.has(pid));
  if (started.length !== 1 || sandboxStarted.length !== 1)
    throw new Error(`expected one workerd process each, found ${sandboxStarted.length} and ${started.length}`);
  await answering([PROXY_UP, SANDBOX_UP]);
  return {
    proxy,
    sandbox,
    proxyPid: started[0]!,
    sandboxPid: sandboxStarted[0]!,
    dispose: async () => {
      await proxy.dispose();
      await sandbox.dispose();
    },
  };
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc (10 ms steps). */
export function cpuMs(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Waits until a process has used no CPU for 1 s (its alarms and webhooks done), at most 60 s. */
export async function quietProcess(pid: number): Promise<void> {
  let last = cpuMs(pid);
  for (let waited = 0; waited < 60_000; waited += 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now === last) return;
    last = now;
  }
  throw new Error(`process ${pid} did not go quiet within 60 s`);
}
