// `npm run build:widget`: the widget's two builds, with Vite.
//   dist/widget/npm/  ES modules for bundlers; lit and oidc-client-ts stay imports. Checked to
//                     import on a server (Node, no DOM). Declarations: dist/widget/types/.
//   dist/widget/cdn/  the script-tag build: everything bundled, sign-in and locales split into
//                     chunks loaded on demand. <script type="module" src=".../spendgo-loyalty.js">
//   dist/widget/custom-elements.json  the element's public contract, from its JSDoc.
//   dist/merchant/client.js           the merchant backend's client (Node 22+, Workers).
//   dist/proxy-assets/                the script-tag build as the proxy serves it (/widget/v…/).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transform } from 'lightningcss';
import { build, type Plugin } from 'vite';
import { writeDeclarations } from './declarations.ts';
import { bin, root } from './setup.ts';
import { writeProxyAssets } from './widget-release.ts';
import { stripOidcLogging } from './strip-oidc-logging.ts';
import { writeThirdPartyNotices } from './third-party-notices.ts';

const entry = resolve(root, 'widget/src/index.ts');
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;
const BANNER = `/*! spendgo-loyalty ${version} | MIT | includes Lit (BSD-3-Clause) and more: THIRD-PARTY-LICENSES.txt */`;

/** The widget's css`` literals, minified: comments and indentation are not worth shipping. Only
 * literals without `${}` are touched (the styles have none). */
const minifyCssLiterals: Plugin = {
  name: 'minify-css-literals',
  transform(code, id) {
    if (!id.startsWith(resolve(root, 'widget/src')) || !code.includes('css`')) return null;
    const minified = code.replace(/\bcss`([^`$\\]*)`/g, (_, css: string) => {
      const out = transform({ filename: 'widget.css', code: Buffer.from(css), minify: true });
      return `css\`${out.code.toString()}\``;
    });
    return { code: minified, map: null };
  },
};

async function buildWidget(kind: 'npm' | 'cdn'): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    plugins: kind === 'cdn' ? [minifyCssLiterals, stripOidcLogging] : [minifyCssLiterals],
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
        // lazy chunks share with it (the string lookup, Lit) in the entry instead of a chunk the script
        // tag would have to fetch before anything renders.
        preserveEntrySignatures: 'allow-extension',
        // Library mode leaves ES output unminified; the script-tag build asks Rolldown directly.
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          minify: kind === 'cdn',
          // React Server Components frameworks render the wrapper on the client only.
          ...(kind === 'npm' && {
            banner: (chunk: { name: string }) => (chunk.name === 'react' ? "'use client';" : ''),
          }),
          // The minifier drops the packages' licence comments; the entry names the file their
          // notices ship in (after minification, so the banner stays).
          ...(kind === 'cdn' && { postBanner: (chunk: { isEntry: boolean }) => (chunk.isEntry ? BANNER : '') }),
        },
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
writeDeclarations();
// The npm build must import on a server (no DOM) without throwing: only the tag definition runs.
const built = (await import(resolve(root, 'dist/widget/npm/spendgo-loyalty.js'))) as Record<string, unknown>;
if (typeof built['SpendgoLoyalty'] !== 'function') throw new Error('the npm build does not export SpendgoLoyalty');
const manifest = spawnSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (manifest.status !== 0) process.exit(manifest.status ?? 1);
await import('./widget-api-doc.ts');
// Subresource Integrity: the script tag covers the entry; the chunks it imports later are
// covered by an import map's `integrity` (browsers that support it check them, others ignore it).
const cdn = resolve(root, 'dist/widget/cdn');
const sri = (file: string) =>
  `sha384-${createHash('sha384')
    .update(readFileSync(resolve(cdn, file)))
    .digest('base64')}`;
const integrity = sri('spendgo-loyalty.js');
const chunks = readdirSync(resolve(cdn, 'chunks'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `chunks/${f}`);
const importMap = {
  integrity: Object.fromEntries(chunks.map((f) => [`https://YOUR-HOST/PATH/${f}`, sri(f)])),
};
writeFileSync(resolve(cdn, 'integrity.txt'), `${integrity}\n`);
const bundled = writeThirdPartyNotices(cdn, root);
writeFileSync(resolve(cdn, 'importmap.json'), `${JSON.stringify(importMap, null, 2)}\n`);
const release = writeProxyAssets(cdn, resolve(root, 'dist/proxy-assets'), version);
console.log('Built dist/widget/npm (with types), dist/widget/cdn, dist/widget/custom-elements.json and dist/merchant');
console.log(`Third-party notices: dist/widget/cdn/THIRD-PARTY-LICENSES.txt (${bundled.join(', ')})`);
console.log(
  `Script tag: <script type="module" src=".../spendgo-loyalty.js" integrity="${integrity}" crossorigin="anonymous"></script>`,
);
console.log(
  `Served by the proxy (dist/proxy-assets): <script type="module" src="https://YOUR-PROXY${release.script}" integrity="${release.integrity}" crossorigin="anonymous"></script>`,
);
console.log(
  `Chunk integrity: dist/widget/cdn/importmap.json (${chunks.length} chunks; put your URLs in, serve it as <script type="importmap"> before the tag)`,
);
