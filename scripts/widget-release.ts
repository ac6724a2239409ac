// The script-tag build as the proxy serves it (Workers static assets, wrangler.toml [assets]):
//   dist/proxy-assets/widget/v1.2.3/…        the build, immutable (cached for a year)
//   dist/proxy-assets/widget/v1.2.3/integrity.json   sha384 of every file, and the script tag
//   dist/proxy-assets/widget/manifest.json   the version this proxy serves, with its hashes
// The Worker answers /widget/v1/… with a redirect to /widget/v1.2.3/… (proxy/src/routes/
// widget-alias.ts): the entry's chunks import each other by relative URL, so it moves the whole
// build. Static assets cannot answer it, since their redirects carry no CORS header.

import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface WidgetRelease {
  version: string;
  /** Path of the entry on the proxy, e.g. /widget/v1.2.3/spendgo-loyalty.js. */
  script: string;
  /** The entry's Subresource Integrity hash. */
  integrity: string;
  /** Every file's hash, by path under the version's folder (the chunks the entry loads later). */
  files: Record<string, string>;
}

const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `out` (emptied first) from the script-tag build in `cdnDir`; returns its manifest. */
export function writeProxyAssets(cdnDir: string, out: string, version: string): WidgetRelease {
  const base = `/widget/v${version}/`;
  const folder = join(out, 'widget', `v${version}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(cdnDir, folder, { recursive: true });
  // The self-hosting helpers carry placeholder URLs; integrity.json replaces them here.
  rmSync(join(folder, 'importmap.json'), { force: true });
  rmSync(join(folder, 'integrity.txt'), { force: true });

  const files = Object.fromEntries(
    filesUnder(folder)
      .filter((path) => path.endsWith('.js'))
      .map((path) => [relative(folder, path), sri(readFileSync(path))]),
  );
  const release: WidgetRelease = {
    version,
    script: `${base}spendgo-loyalty.js`,
    integrity: files['spendgo-loyalty.js']!,
    files,
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(join(folder, 'integrity.json'), json(release));
  writeFileSync(join(out, 'widget', 'manifest.json'), json(release));

  // Module scripts load in CORS mode, and SRI needs a CORS response: any page may load them.
  writeFileSync(
    join(out, '_headers'),
    `${base}*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  X-Content-Type-Options: nosniff
/widget/manifest.json
  Cache-Control: public, max-age=300
  Access-Control-Allow-Origin: *
`,
  );
  return release;
}
