// `npm run size`: the script-tag build's transfer sizes against the budgets (not a timed test).
// The core is the entry plus every chunk it imports statically; the sign-in chunk is what the
// first sign-in adds on top; each locale is what switching to it adds. Exits 1 over budget.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { root } from './setup.ts';

const dir = resolve(root, 'dist/widget/cdn');
const entry = join(dir, 'spendgo-loyalty.js');
const BUDGET = { core: 15 * 1024, signIn: 25 * 1024 };

if (!existsSync(entry)) {
  console.error('dist/widget/cdn is missing: run `npm run build:widget` first.');
  process.exit(1);
}

const source = (file: string) => readFileSync(file, 'utf8');
/** Files imported with a static import (not import()). */
function staticImports(file: string): string[] {
  const found = [...source(file).matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)];
  return found.map((m) => resolve(dirname(file), m[1]!));
}
function dynamicImports(file: string): string[] {
  return [...source(file).matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => resolve(dirname(file), m[1]!));
}
function closure(start: string, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const next of staticImports(start)) closure(next, seen);
  return seen;
}

function measure(files: Iterable<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes).length;
  }
  return { raw, gzip, brotli };
}

const core = closure(entry);
const lazy = [...core].flatMap(dynamicImports);
const rows: { name: string; files: string[]; budget?: number }[] = [
  { name: 'core (script tag, Lit included)', files: [...core], budget: BUDGET.core },
];
for (const chunk of new Set(lazy)) {
  const extra = [...closure(chunk)].filter((f) => !core.has(f));
  const name = basename(chunk).replace(/-[\w-]+\.js$/, '');
  rows.push({
    name: name === 'oidc' ? 'sign-in chunk (oidc-client-ts)' : `locale ${name}`,
    files: extra,
    ...(name === 'oidc' && { budget: BUDGET.signIn }),
  });
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const results = rows.map((row) => {
  const size = measure(row.files);
  const ok = row.budget === undefined || size.gzip <= row.budget;
  return { name: row.name, ...size, budget: row.budget ?? null, ok };
});
console.log('widget size (dist/widget/cdn)');
console.log('part'.padEnd(34), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10), '  budget (gzip)');
for (const r of results) {
  console.log(
    r.name.padEnd(34),
    kib(r.raw).padStart(10),
    kib(r.gzip).padStart(10),
    kib(r.brotli).padStart(10),
    r.budget === null ? '' : `  ${kib(r.budget)} ${r.ok ? 'ok' : 'OVER'}`,
  );
}
mkdirSync(resolve(root, 'bench'), { recursive: true });
writeFileSync(
  resolve(root, 'bench/widget-size.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`,
);
process.exit(results.every((r) => r.ok) ? 0 : 1);
