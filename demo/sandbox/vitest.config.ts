// The sandbox's tests run inside workerd with the sandbox's own wrangler config and bindings.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tests drive the admin surface, which wrangler.toml leaves off.
  plugins: [
    cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { SANDBOX_ADMIN: 'true' } } }),
  ],
  test: {
    name: 'sandbox',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
