// Serves the demo storefront (demo/storefront) on http://localhost:5173 with the widget's source,
// exactly as a merchant page would load it: a module script and the <spendgo-loyalty> tag.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'demo/storefront'),
  publicDir: false,
  server: { host: 'localhost', port: 5173, strictPort: true, fs: { allow: [import.meta.dirname] } },
  preview: { host: 'localhost', port: 5173, strictPort: true },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/storefront'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        cart: resolve(import.meta.dirname, 'demo/storefront/index.html'),
        orderAhead: resolve(import.meta.dirname, 'demo/storefront/order-ahead.html'),
        thirdParty: resolve(import.meta.dirname, 'demo/storefront/third-party.html'),
        react: resolve(import.meta.dirname, 'demo/storefront/react.html'),
      },
    },
  },
});
