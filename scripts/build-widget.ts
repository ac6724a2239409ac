// `npm run build:widget`: the widget's two builds, with Vite.
//   dist/widget/npm/  ES modules for bundlers; lit, @lit/localize and oidc-client-ts stay imports.
//   dist/widget/cdn/  the script-tag build: everything bundled, sign-in and locales split into
//                     chunks loaded on demand. <script type="module" src=".../spendgo-loyalty.js">
import { resolve } from 'node:path';
import { build } from 'vite';
import { root } from './setup.ts';

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
      lib: { entry, formats: ['es'], fileName: () => 'spendgo-loyalty.js' },
      rolldownOptions: {
        external: kind === 'npm' ? [/^lit($|\/)/, /^@lit\//, 'oidc-client-ts'] : [],
        // Library mode leaves ES output unminified; the script-tag build asks Rolldown directly.
        output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: kind === 'cdn' },
      },
    },
  });
}

await buildWidget('npm');
await buildWidget('cdn');
console.log('Built dist/widget/npm and dist/widget/cdn');
