// The script-tag build's third-party notices: every package its files were built from (read from
// their source maps), each with its version and its own licence text, in one file next to the
// build (dist/widget/cdn/THIRD-PARTY-LICENSES.txt). The minifier drops the packages' licence
// comments, so the notices travel in this file, which the build's banner names.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LICENCE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'license', 'license.md'];

/** The package (name and folder) a source path inside node_modules belongs to. */
function packageOf(source: string): { name: string; dir: string } | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (!m) return null;
  const at = source.lastIndexOf(`node_modules/${m[1]!}/`);
  return { name: m[1]!, dir: source.slice(0, at + `node_modules/${m[1]!}`.length) };
}

/** Writes the notices for the packages bundled into `cdnDir`'s files; their names, sorted. */
export function writeThirdPartyNotices(cdnDir: string, root: string): string[] {
  const maps = [
    ...readdirSync(cdnDir).filter((f) => f.endsWith('.js.map')),
    ...readdirSync(join(cdnDir, 'chunks'))
      .filter((f) => f.endsWith('.js.map'))
      .map((f) => `chunks/${f}`),
  ];
  const packages = new Map<string, string>();
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(join(cdnDir, map), 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const found = packageOf(resolve(cdnDir, map, '..', source).replace(/\\/g, '/'));
      if (found) packages.set(found.name, found.dir);
    }
  }
  const sections = [...packages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
      const file = LICENCE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
      if (!file) throw new Error(`${name} has no licence file to ship with the script-tag build`);
      return `${name} ${meta.version} (${meta.license ?? 'see below'})\n\n${readFileSync(file, 'utf8').trim()}\n`;
    });
  const own = readFileSync(join(root, 'LICENSE'), 'utf8').trim();
  writeFileSync(
    join(cdnDir, 'THIRD-PARTY-LICENSES.txt'),
    `spendgo-loyalty's script-tag build includes the packages below.\n\nspendgo-loyalty\n\n${own}\n\n${'-'.repeat(72)}\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`,
  );
  return [...packages.keys()].sort();
}
