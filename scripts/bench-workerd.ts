// The proxy measured in the runtime it ships in: the built proxy and the built sandbox in one
// workerd (Miniflare), on the local system's ports (proxy 127.0.0.1:8787, sandbox
// 127.0.0.1:8788), with the local configuration (.dev.vars, the sandbox's wrangler.toml).
// No `wrangler dev` server in between: a request reaches the Worker straight from workerd's
// socket. Two ways for the proxy to reach the sandbox:
//   - `socket`: over HTTP to the sandbox's socket, as the proxy reaches Spendgo in production;
//   - `binding`: over a service binding (no socket, no HTTP parsing on the way out).
// The rate limits are raised for the run: the bench measures speed, and its bounded load comes
// from one address. Used by `npm run bench` (scripts/bench.ts).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { bin, offlineEnv, root } from './setup.ts';

export type Outbound = 'socket' | 'binding';

const out = resolve(root, 'dist/bench-workerd');

/** Builds both Workers as `wrangler deploy` would (minified), into dist/bench-workerd/. */
export function buildWorkers(): void {
  for (const [config, dir] of [
    ['wrangler.toml', 'proxy'],
    ['demo/sandbox/wrangler.toml', 'sandbox'],
  ] as const) {
    const built = spawnSync(
      bin('wrangler'),
      ['deploy', '--dry-run', '--minify', '--outdir', resolve(out, dir), '--config', config],
      { cwd: root, env: offlineEnv, stdio: 'ignore' },
    );
    if (built.status !== 0) throw new Error(`wrangler could not build ${config}`);
  }
}

const unlimited = { simple: { limit: 1_000_000, period: 60 } };

/** What this runner reads of a Worker's Miniflare options (the rest passes through). */
type WorkerConfig = Record<string, unknown> & {
  ratelimits?: Record<string, object>;
  bindings?: Record<string, unknown>;
};

/** The Worker's own options from its wrangler.toml, running its built bundle. */
function fromConfig(config: string, dir: string): WorkerConfig {
  // The bundle is already built: rules for finding more modules do not apply.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(resolve(root, config))
    .workerOptions as WorkerConfig & { modulesRules?: unknown };
  return {
    ...workerOptions,
    modules: true,
    scriptPath: resolve(out, dir, 'index.js'),
    modulesRoot: resolve(out, dir),
  };
}

/** Starts the proxy and the sandbox in one workerd; resolves once both answer. */
export async function startWorkerd(outbound: Outbound): Promise<Miniflare> {
  const proxy = fromConfig('wrangler.toml', 'proxy');
  const sandbox = fromConfig('demo/sandbox/wrangler.toml', 'sandbox');
  // Wrangler describes a Worker in Miniflare's earlier option format; Miniflare converts it.
  const options = {
    host: '127.0.0.1',
    port: 8787,
    // The Workers' request logs would flood the bench's report; errors still show.
    handleStructuredLogs: (log: { level: string; message: string }) => {
      if (log.level === 'error') console.error(log.message);
    },
    workers: [
      {
        ...proxy,
        name: 'proxy',
        ratelimits: Object.fromEntries(
          Object.entries(proxy.ratelimits ?? {}).map(([name, limiter]) => [name, { ...limiter, ...unlimited }]),
        ),
        ...(outbound === 'binding' && { serviceBindings: { SPENDGO_SERVICE: 'spendgo-sandbox' } }),
      },
      {
        ...sandbox,
        name: 'spendgo-sandbox',
        bindings: { ...(sandbox.bindings ?? {}), SANDBOX_ADMIN: 'true' },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 8788 }],
      },
    ],
  };
  const mf = new Miniflare(
    convertV4MiniflareOptions(options as unknown as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  for (const url of [
    'http://127.0.0.1:8787/.well-known/openid-configuration',
    'http://127.0.0.1:8788/__sandbox/faults',
  ])
    if (!(await fetch(url)).ok) throw new Error(`${url} does not answer in workerd`);
  return mf;
}
