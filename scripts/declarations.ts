// The published packages' type declarations, one self-contained file per entry, so they resolve
// the same under `bundler`, `node16` and `nodenext` (no extensionless relative imports, no zod):
//   dist/widget/types/index.d.ts    the element, its events and the wire types it exposes
//   dist/widget/types/react.d.ts    the React wrapper; imports only ./index.js
//   dist/merchant/types/index.d.ts  the merchant client, errors and webhook verification
// dts-bundle-generator inlines the modules; the React wrapper is TypeScript's own declaration of
// react.ts, whose one relative import (the entry) is given the extension node16 needs.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';
import { bin, root } from './setup.ts';

function bundle(entry: string, tsconfig: string, out: string): void {
  const [text] = generateDtsBundle(
    [{ filePath: resolve(root, entry), output: { noBanner: true, inlineDeclareGlobals: true } }],
    { preferredConfigPath: resolve(root, tsconfig) },
  );
  mkdirSync(dirname(resolve(root, out)), { recursive: true });
  writeFileSync(resolve(root, out), text!);
}

export function writeDeclarations(): void {
  bundle('widget/src/index.ts', 'widget/tsconfig.build.json', 'dist/widget/types/index.d.ts');
  bundle('merchant/client.ts', 'tsconfig.node.json', 'dist/merchant/types/index.d.ts');

  const emitted = spawnSync(bin('tsc'), ['-p', 'widget/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (emitted.status !== 0) throw new Error('tsc could not emit the React wrapper’s declaration');
  const react = readFileSync(resolve(root, 'dist/types/widget/src/react.d.ts'), 'utf8');
  const relative = [...react.matchAll(/from '(\.[^']*)'/g)].map((m) => m[1]);
  if (relative.some((specifier) => specifier !== './index'))
    throw new Error(`react.d.ts imports more than the entry: ${relative.join(', ')}`);
  writeFileSync(resolve(root, 'dist/widget/types/react.d.ts'), react.replaceAll("from './index'", "from './index.js'"));
}
