// `npm run build:widget`: the widget's two builds, with Vite.
//   dist/widget/npm/  ES modules for bundlers; lit, @lit/localize and oidc-client-ts stay imports;
//                     declarations in types/. Checked to import on a server (Node, no DOM).
//   dist/widget/cdn/  the script-tag build: everything bundled, sign-in and locales split into
//                     chunks loaded on demand. <script type="module" src=".../spendgo-loyalty.js">
//   dist/widget/custom-elements.json  the element's public contract, from its JSDoc.
//   dist/merchant/client.js           the merchant backend's client (Node 22+, Workers).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { bin, root } from './setup.ts';

const entry = resolve(root, 'widget/src/index.ts');

async function buildWidget(kind: 'npm' | 'cdn'): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir: resolve(root, 'dist/widget', kind),
      emptyOutDir: true,
      target: 'es2022',
      minify: kind === 'cdn',
      sourcemap: true,
      lib: {
        entry:
          kind === 'npm'
            ? { 'spendgo-loyalty': entry, react: resolve(root, 'widget/src/react.ts') }
            : { 'spendgo-loyalty': entry },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: kind === 'npm' ? [/^lit($|\/)/, /^@lit\//, 'oidc-client-ts', /^react($|\/)/, /^react-dom($|\/)/] : [],
        // The entry may export a little more than its own API, so Rolldown can keep what the
        // lazy chunks share with it (@lit/localize) in the entry instead of a chunk the script
        // tag would have to fetch before anything renders.
        preserveEntrySignatures: 'allow-extension',
        // Library mode leaves ES output unminified; the script-tag build asks Rolldown directly.
        output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: kind === 'cdn' },
      },
    },
  });
}

await buildWidget('npm');
await buildWidget('cdn');
await build({
  configFile: false,
  logLevel: 'warn',
  root,
  build: {
    outDir: resolve(root, 'dist/merchant'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    lib: { entry: resolve(root, 'merchant/client.ts'), formats: ['es'], fileName: () => 'client.js' },
  },
});
const types = spawnSync(bin('tsc'), ['-p', 'widget/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
// The npm build must import on a server (no DOM) without throwing: only the tag definition runs.
const built = (await import(resolve(root, 'dist/widget/npm/spendgo-loyalty.js'))) as Record<string, unknown>;
if (typeof built['SpendgoLoyalty'] !== 'function') throw new Error('the npm build does not export SpendgoLoyalty');
const manifest = spawnSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (manifest.status !== 0) process.exit(manifest.status ?? 1);
await import('./widget-api-doc.ts');
// Subresource Integrity for the script tag (the entry; its chunks are imported by it).
const integrity = `sha384-${createHash('sha384')
  .update(readFileSync(resolve(root, 'dist/widget/cdn/spendgo-loyalty.js')))
  .digest('base64')}`;
writeFileSync(resolve(root, 'dist/widget/cdn/integrity.txt'), `${integrity}\n`);
console.log('Built dist/widget/npm (with types), dist/widget/cdn, dist/widget/custom-elements.json and dist/merchant');
console.log(
  `Script tag: <script type="module" src=".../spendgo-loyalty.js" integrity="${integrity}" crossorigin="anonymous"></script>`,
);
