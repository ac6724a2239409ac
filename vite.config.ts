// Serves the demo storefront (demo/storefront) on http://localhost:5173 with the widget's source,
// as a merchant's bundled page would load it: a module import and the <spendgo-loyalty> tag.
// The cart pages' scripts are render-blocking (blocking="render"), so their first paint has the
// widget at its real height; Vite's build drops the attribute from the script it emits, so the
// plugin below puts it back. DEMO_WITHOUT_WIDGET=1 builds the pages without the widget (the
// bench compares the two).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const withoutWidget = Boolean(process.env['DEMO_WITHOUT_WIDGET']);

const renderBlocking: Plugin = {
  name: 'keep-render-blocking-entry',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html, { filename }) =>
      readFileSync(filename, 'utf8').includes('<script type="module" blocking="render"')
        ? html.replace('<script type="module" crossorigin', '<script type="module" blocking="render" crossorigin')
        : html,
  },
};

export default defineConfig({
  root: resolve(import.meta.dirname, 'demo/storefront'),
  publicDir: false,
  plugins: [renderBlocking],
  resolve: {
    alias: {
      '@demo/widget': resolve(
        import.meta.dirname,
        withoutWidget ? 'demo/storefront/without-widget.ts' : 'widget/src/index.ts',
      ),
    },
  },
  server: { host: 'localhost', port: 5173, strictPort: true, fs: { allow: [import.meta.dirname] } },
  preview: { host: 'localhost', port: 5173, strictPort: true },
  build: {
    outDir: resolve(import.meta.dirname, withoutWidget ? 'dist/storefront-without-widget' : 'dist/storefront'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        cart: resolve(import.meta.dirname, 'demo/storefront/index.html'),
        orderAhead: resolve(import.meta.dirname, 'demo/storefront/order-ahead.html'),
        thirdParty: resolve(import.meta.dirname, 'demo/storefront/third-party.html'),
        react: resolve(import.meta.dirname, 'demo/storefront/react.html'),
        terms: resolve(import.meta.dirname, 'demo/storefront/terms.html'),
        table: resolve(import.meta.dirname, 'demo/storefront/table.html'),
      },
    },
  },
});
