// Runs every Worker test suite inside workerd, one Vitest project per Worker.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'demo/sandbox/vitest.config.ts',
      'proxy/vitest.config.ts',
      'proxy/vitest.replay-unsafe.config.ts',
      'proxy/vitest.recovery.config.ts',
    ],
  },
});
