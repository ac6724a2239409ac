// `npm run test:e2e`: starts the whole local system (logs to test-results/stack.log), runs the
// Playwright flows in e2e/ with node's test runner, stops the system, and prints the counts.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { offlineEnv, root, setup, widgetBuild } from './setup.ts';
import { startStack } from './stack.ts';

setup();
widgetBuild(false);
mkdirSync(`${root}/test-results`, { recursive: true });
// The tests reset the sandbox (Spendgo's world) as they go; the proxy's records (orders, reward
// holds, sign-ins) of an earlier run would describe a world that no longer exists, so each run
// starts the system with fresh local state of its own, apart from `npm start`'s.
process.env['LOCAL_STATE_DIR'] = 'test-results/e2e-state';
rmSync(`${root}/test-results/e2e-state`, { recursive: true, force: true });
// The console also signs operators in through Cloudflare Access, stood in for by e2e/access.ts
// on this address: an operator of both demo brands.
process.env['CONSOLE_ACCESS'] = JSON.stringify({
  team_domain: `http://127.0.0.1:${process.env['ACCESS_PORT'] ?? 8791}`,
  aud: 'e2e-console-application',
  operators: { 'ops@demo.test': ['demo-storefront', 'demo-market'] },
});
const log = createWriteStream(`${root}/test-results/stack.log`);
const writeLog = (service: { name: string }, _: number, line: string) => log.write(`[${service.name}] ${line}\n`);
let stack = startStack(writeLog);
// One more try if a service failed to start (wrangler occasionally does on a busy machine).
if (!(await stack.ready)) {
  log.write('--- a service did not come up; starting the system once more ---\n');
  stack.stop();
  await new Promise((r) => setTimeout(r, 3000));
  stack = startStack(writeLog);
}
process.on('exit', () => {
  stack.stop();
});

let status = 1;
if (await stack.ready) {
  // Asynchronous on purpose: the services' output must keep draining while the tests run.
  // `node scripts/e2e.ts e2e/looks.test.ts` runs one file; all of them by default.
  const files = process.argv.length > 2 ? process.argv.slice(2) : ['e2e/*.test.ts'];
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files], {
    cwd: root,
    env: { ...offlineEnv, CONSOLE_ACCESS: process.env['CONSOLE_ACCESS'] },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  runner.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  status = await new Promise<number>((done) => {
    runner.on('close', (code) => {
      done(code ?? 1);
    });
  });
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  console.log(`\ne2e: ${count('pass')} passed, ${count('fail')} failed`);
} else {
  console.error('e2e: the local system did not come up (see test-results/stack.log)');
}
stack.stop();
log.end();
process.exit(status);
