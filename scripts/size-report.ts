// Measures the script-tag build (dist/widget/cdn): the core is the entry plus every chunk it
// imports statically; each lazily imported chunk is what it adds on top. Used by `npm run size`
// and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { root } from './setup.ts';

// The sign-in chunk is mostly oidc-client-ts (without its log statements: strip-oidc-logging.ts).
export const BUDGET = { core: 12 * 1024, signIn: 17 * 1024 };

export interface SizeRow {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
  budget: number | null;
  ok: boolean;
}

const source = (file: string) => readFileSync(file, 'utf8');
const staticImports = (file: string) =>
  [...source(file).matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)].map((m) =>
    resolve(dirname(file), m[1]!),
  );
const dynamicImports = (file: string) =>
  [...source(file).matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => resolve(dirname(file), m[1]!));

function closure(start: string, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const next of staticImports(start)) closure(next, seen);
  return seen;
}

export function gzipSize(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function measure(files: Iterable<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSize(bytes);
    brotli += brotliCompressSync(bytes).length;
  }
  return { raw, gzip, brotli };
}

/** null when the script-tag build is missing. */
export function widgetSizes(): SizeRow[] | null {
  const entry = join(resolve(root, 'dist/widget/cdn'), 'spendgo-loyalty.js');
  if (!existsSync(entry)) return null;
  const core = closure(entry);
  const parts: { name: string; files: string[]; budget: number | null }[] = [
    { name: 'core (script tag, Lit included)', files: [...core], budget: BUDGET.core },
  ];
  // Every lazily imported chunk, including those a lazy chunk imports (the network-failure
  // explanation comes from the engine chunk).
  // Each counts what it adds on top of the core and of the chunk that loads it.
  const loadedWith = new Map<string, Set<string>>([...core].flatMap(dynamicImports).map((c) => [c, core]));
  for (const [chunk, base] of loadedWith) {
    const parent = new Set([...base, ...closure(chunk)]);
    for (const next of [...closure(chunk)].flatMap(dynamicImports))
      if (!loadedWith.has(next)) loadedWith.set(next, parent);
  }
  for (const [chunk, base] of loadedWith) {
    const name = basename(chunk).replace(/-[\w-]+\.js$/, '');
    const signIn = name === 'oidc';
    parts.push({
      name: signIn ? 'sign-in chunk (oidc-client-ts)' : /^[a-z]{2}$/.test(name) ? `locale ${name}` : `${name} chunk`,
      files: [...closure(chunk)].filter((f) => !base.has(f)),
      budget: signIn ? BUDGET.signIn : null,
    });
  }
  return parts.map((p) => {
    const size = measure(p.files);
    return { name: p.name, ...size, budget: p.budget, ok: p.budget === null || size.gzip <= p.budget };
  });
}

export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function printSizes(rows: SizeRow[]): void {
  console.log('part'.padEnd(34), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10), '  budget (gzip)');
  for (const r of rows) {
    console.log(
      r.name.padEnd(34),
      kib(r.raw).padStart(10),
      kib(r.gzip).padStart(10),
      kib(r.brotli).padStart(10),
      r.budget === null ? '' : `  ${kib(r.budget)} ${r.ok ? 'ok' : 'OVER'}`,
    );
  }
}
