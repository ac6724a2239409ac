// `npm run test:e2e`: starts the whole local system (logs to test-results/stack.log), runs the
// Playwright flows in e2e/ with node's test runner, stops the system, and prints the counts.

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { offlineEnv, root, setup } from './setup.ts';
import { startStack } from './stack.ts';

setup();
mkdirSync(`${root}/test-results`, { recursive: true });
const log = createWriteStream(`${root}/test-results/stack.log`);
const stack = startStack((service, _, line) => log.write(`[${service.name}] ${line}\n`));
process.on('exit', () => {
  stack.stop();
});

let status = 1;
if (await stack.ready) {
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=tap', 'e2e/*.test.ts'],
    { cwd: root, env: offlineEnv, encoding: 'utf8' },
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (name: string) =>
    Number(
      /^# (\w+) (\d+)$/m.exec(
        result.stdout
          .split('\n')
          .filter((l) => l.startsWith(`# ${name} `))
          .at(-1) ?? '',
      )?.[2] ?? 0,
    );
  console.log(`\ne2e: ${count('pass')} passed, ${count('fail')} failed`);
  status = result.status ?? 1;
} else {
  console.error('e2e: the local system did not come up (see test-results/stack.log)');
}
stack.stop();
log.end();
process.exit(status);
