// `npm run pack:all` (after `npm run build:widget`): the publishable packages, each staged from
// its manifest in packages/<name>/ and the build, then packed with `npm pack`:
//   dist/packages/spendgo-loyalty-widget-<version>.tgz    @spendgo-loyalty/widget
//   dist/packages/spendgo-loyalty-merchant-<version>.tgz  @spendgo-loyalty/merchant
// Every package has the workspace's version (one version for the whole product, see CHANGELOG).
// `npm publish dist/packages/<tarball>` publishes one; nothing here does.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './setup.ts';

export interface Staged {
  name: string;
  dir: string;
  tarball: string;
}

/** What each package is made of: [from (in the workspace), to (in the package)]. */
const CONTENTS: Record<string, [string, string][]> = {
  widget: [
    ['dist/widget/npm', 'dist'],
    ['dist/widget/cdn', 'cdn'],
    ['dist/widget/types', 'types'],
    ['dist/widget/custom-elements.json', 'custom-elements.json'],
    ['docs/widget-api.md', 'widget-api.md'],
  ],
  merchant: [
    ['dist/merchant/client.js', 'dist/client.js'],
    ['dist/merchant/types', 'types'],
  ],
};

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string };

export function stagePackages(): Staged[] {
  const { version } = readJson(resolve(root, 'package.json'));
  const out = resolve(root, 'dist/packages');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  return Object.entries(CONTENTS).map(([name, contents]) => {
    const manifest = readJson(resolve(root, 'packages', name, 'package.json'));
    if (manifest.version !== version)
      throw new Error(`packages/${name}/package.json is ${manifest.version}; the workspace is ${version}`);
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    cpSync(resolve(root, 'packages', name), dir, { recursive: true });
    cpSync(resolve(root, 'LICENSE'), join(dir, 'LICENSE'));
    for (const [from, to] of contents) {
      if (!existsSync(resolve(root, from))) throw new Error(`${from} is missing: run npm run build:widget first`);
      cpSync(resolve(root, from), join(dir, to), { recursive: true });
    }
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack failed for ${manifest.name}: ${packed.stderr}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    return { name: manifest.name, dir, tarball: join(out, filename) };
  });
}

if (import.meta.main) {
  for (const { name, tarball } of stagePackages()) console.log(`${name}: ${tarball}`);
}
