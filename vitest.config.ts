// Runs every Worker test suite inside workerd, one Vitest project per Worker.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Workers' structured request logs are checked by the proxy's canary test, not printed
    // (a project's own onConsoleLog is not consulted for them).
    onConsoleLog: (log) => !log.includes('{"level":'),
    projects: [
      // In Node: the demo shop's pure rules (a table's check) and the merchant client.
      { test: { name: 'node', include: ['demo/shop/**/*.test.ts', 'merchant/**/*.test.ts'] } },
      'demo/sandbox/vitest.config.ts',
      'proxy/vitest.config.ts',
      'proxy/vitest.replay-unsafe.config.ts',
      'proxy/vitest.recovery.config.ts',
    ],
  },
});
