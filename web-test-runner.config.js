// Runs the widget's tests in Debian's Chromium (never a downloaded browser), TypeScript via esbuild.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync } from 'node:fs';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './scripts/chromium.ts';

if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(
    `The widget tests need Chromium at ${CHROMIUM_PATH}: install Debian's (sudo apt-get install chromium) or set CHROME_PATH.`,
  );
}

export default {
  files: ['widget/test/**/*.test.ts', 'widget/src/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'widget/tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
};
