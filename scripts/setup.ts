// Shared first step of `npm start` and `npm test`: check Node, install dependencies when the
// lockfile changed since the last install, and create local settings from committed examples.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedSecrets } from '../proxy/local-secrets.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Environment for wrangler and workerd on a machine without internet access. */
export const offlineEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_LOG_SANITIZE: 'true',
};

export function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(`spendgo-loyalty needs Node.js 22 or newer; this is ${process.version}. See .nvmrc.`);
    process.exit(1);
  }
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
    console.log('Installing dependencies (npm ci)…');
    // --prefer-offline: package metadata already in npm's cache is used without asking the
    // registry again (the lockfile carries integrity, not URLs); ~20 s instead of minutes here.
    const result = spawnSync('npm', ['ci', '--no-fund', '--no-audit', '--prefer-offline'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  const local = join(root, '.dev.vars');
  if (!existsSync(local))
    writeFileSync(local, localSettings(readFileSync(join(root, '.dev.vars.example'), 'utf8')), { mode: 0o600 });
}

/** The example settings with every GENERATE placeholder filled in. */
export function localSettings(example: string): string {
  const secrets: Record<string, string> = generatedSecrets();
  return example.replace(/^(\w+)=GENERATE$/gm, (line, name: string) =>
    secrets[name] ? `${name}=${secrets[name]}` : line,
  );
}

export function bin(name: string): string {
  return join(root, 'node_modules', '.bin', name);
}

/** The proxy serves the widget's script-tag build (wrangler.toml [assets], dist/proxy-assets):
 * `fresh` rebuilds it (npm start, so the proxy serves the current code), else only if missing. */
export function widgetBuild(fresh: boolean): void {
  if (!fresh && existsSync(join(root, 'dist/proxy-assets/widget/manifest.json'))) return;
  console.log('Building the widget the proxy serves (npm run build:widget)…');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build-widget.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
