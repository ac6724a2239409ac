// `npm test`: installs if needed, then runs every check and suite in turn and ends with one
// line `N passed, N failed` summing them all. Exit code 0 only when nothing failed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './chromium.ts';
import { bin, offlineEnv, root, setup } from './setup.ts';

// The widget suite and the browser flows need a browser; without one, say so now, not after
// minutes of other suites and an obscure launcher error.
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`npm test needs Chromium at ${CHROMIUM_PATH}, and there is none.
Install Debian's build:   sudo apt-get install chromium
or point CHROME_PATH at a Chromium or Chrome binary. (No browser is ever downloaded.)`);
  process.exit(1);
}

setup();

const totals = { passed: 0, failed: 0 };

function run(command: string, args: string[]): boolean {
  console.log(`\n$ ${[command.replace(`${root}/`, ''), ...args].join(' ')}`);
  return spawnSync(command, args, { cwd: root, env: offlineEnv, stdio: 'inherit' }).status === 0;
}

/** A check that passes or fails as a whole (type check, lint, format). */
function check(name: string, command: string, args: string[]): void {
  const ok = run(command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.error(`✗ ${name} failed`);
}

/** A Vitest run, counted test by test from its JSON report. */
function vitest(): void {
  const report = join(mkdtempSync(join(tmpdir(), 'spendgo-test-')), 'vitest.json');
  const ok = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const results = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    totals.passed += results.numPassedTests;
    totals.failed += results.numFailedTests + (ok || results.numFailedTests > 0 ? 0 : 1);
  } catch {
    totals.failed += 1;
    console.error('✗ vitest produced no report');
  }
}

/** The widget suite in Chromium, counted from web-test-runner's own summary. */
function webTestRunner(): void {
  console.log('\n$ web-test-runner');
  const result = spawnSync(bin('web-test-runner'), ['--static-logging'], {
    cwd: root,
    env: offlineEnv,
    encoding: 'utf8',
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const counts = [...result.stdout.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (!counts) {
    totals.failed += 1;
    console.error('✗ web-test-runner reported no results');
    return;
  }
  totals.passed += Number(counts[1]);
  totals.failed += Number(counts[2]) + (result.status === 0 || Number(counts[2]) > 0 ? 0 : 1);
}

/** The browser flows against the whole local system (scripts/e2e.ts starts and stops it). */
function endToEnd(): void {
  console.log('\n$ node scripts/e2e.ts');
  const result = spawnSync(process.execPath, ['scripts/e2e.ts'], { cwd: root, env: offlineEnv, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const counts = /^e2e: (\d+) passed, (\d+) failed$/m.exec(result.stdout);
  totals.passed += Number(counts?.[1] ?? 0);
  totals.failed += counts ? Number(counts[2]) + (result.status === 0 || Number(counts[2]) > 0 ? 0 : 1) : 1;
}

check('type check', bin('tsc'), ['-b']);
check('eslint', bin('eslint'), ['--max-warnings', '0', '.']);
check('prettier', bin('prettier'), ['--check', '.']);
check('published wire types match the schemas', process.execPath, ['scripts/wire-types.ts', '--check']);
check('the configuration table matches the schema', process.execPath, ['scripts/config-table.ts', '--check']);
// Built first: the proxy serves it (wrangler.toml [assets]), and a browser flow loads it.
check('widget build', process.execPath, ['scripts/build-widget.ts']);
vitest();
webTestRunner();
endToEnd();
check('certification evidence redaction', process.execPath, ['--test', 'certify/evidence.test.ts']);
check("Spendgo's certification checklist against the sandbox", process.execPath, ['scripts/certify.ts']);
check('deploy preflight and dry run', process.execPath, ['--test', 'scripts/deploy.test.ts']);
check('the packages: contents, and a project type-checking against them (3 resolutions)', process.execPath, [
  '--test',
  'scripts/packages.test.ts',
]);
check('widget size budget (core ≤ 12 KiB, sign-in ≤ 17 KiB gzip)', process.execPath, ['scripts/widget-size.ts']);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
