// Checks what `npm pack` would publish (after `npm run build:widget`): every file a merchant
// needs is there, and nothing else — no tests, no sources of the proxy or sandbox, no settings.
import { spawnSync } from 'node:child_process';
import { root } from './setup.ts';

const result = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
const [pack] = JSON.parse(result.stdout) as [{ files: { path: string }[]; size: number }];
const files = pack.files.map((f) => f.path);
const required = [
  'dist/widget/npm/spendgo-loyalty.js',
  'dist/widget/cdn/spendgo-loyalty.js',
  'dist/widget/cdn/integrity.txt',
  'dist/widget/cdn/THIRD-PARTY-LICENSES.txt',
  'LICENSE',
  'dist/widget/custom-elements.json',
  'dist/types/widget/src/index.d.ts',
  'dist/widget/npm/react.js',
  'dist/types/widget/src/react.d.ts',
  'dist/merchant/client.js',
  'dist/types/merchant/client.d.ts',
  'README.md',
  'package.json',
];
const forbidden = [
  /\.test\./,
  /(^|\/)test\//,
  /\.dev\.vars/,
  /^demo\//,
  /^proxy\//,
  /^e2e\//,
  /wrangler\.toml$/,
  /^scripts\//,
];
const missing = required.filter((f) => !files.includes(f));
const unwanted = files.filter((f) => forbidden.some((re) => re.test(f)));
console.log(`npm pack: ${files.length} files, ${(pack.size / 1024).toFixed(1)} KiB packed`);
for (const f of missing) console.error(`missing: ${f}`);
for (const f of unwanted) console.error(`should not be published: ${f}`);
process.exit(missing.length || unwanted.length ? 1 : 0);
