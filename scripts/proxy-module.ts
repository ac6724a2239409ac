// A module of the proxy's own source (Worker TypeScript with extensionless imports) bundled
// for Node with esbuild and imported, so a script runs exactly the Worker's rules: the deploy
// preflight its configuration checks, the configuration table its schema.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root } from './setup.ts';

export async function importProxyModule<T>(path: string): Promise<T> {
  const out = await build({
    entryPoints: [join(root, path)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'spendgo-proxy-module-'));
  const file = join(dir, 'module.mjs');
  writeFileSync(file, out.outputFiles[0]!.text);
  try {
    return (await import(file)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
