// The published packages as a merchant's project gets them (node --test, after the widget build):
// each tarball holds what it promises and nothing of the workspace; a new project outside the
// repository installs both from their tarballs, type-checks a storefront and a backend against
// them under `bundler`, `node16` and `nodenext` resolution (with the packages' own declarations
// checked too), and imports them in Node: the client works, the element module does not throw.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stagePackages, type Staged } from './pack.ts';
import { bin, root } from './setup.ts';

let widget: Staged;
let merchant: Staged;
let project: string;

const tarballFiles = (tarball: string) =>
  spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));

/** The dependency versions the workspace tested with, so the project installs from npm's cache. */
const lockedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const storefront = `
import { SpendgoDiscountChangeEvent, SpendgoLoyalty, TAG_NAME, type Reward, type SpendgoCart } from '@spendgo-loyalty/widget';
import { SpendgoLoyalty as SpendgoLoyaltyForReact } from '@spendgo-loyalty/widget/react';
import * as React from 'react';

const element = document.createElement('spendgo-loyalty');
const typed: SpendgoLoyalty = element;
const cart: SpendgoCart = { items: [{ label: 'Latte', unit_cost: 4.75, quantity: 2 }], subtotal: 9.5 };
typed.cart = cart;
// @ts-expect-error a cart has items and a subtotal: the types are not any
typed.cart = { subtotal: 'nine' };
element.addEventListener('spendgo-discount-change', (event) => {
  const checkoutId: string | null = event.checkoutId;
  const reward: Reward | null = event.reward;
  // @ts-expect-error the event is typed: it has no such field
  event.couponCode;
  void [checkoutId, reward, event instanceof SpendgoDiscountChangeEvent];
});
const tag: 'spendgo-loyalty' = TAG_NAME;
const page = React.createElement(SpendgoLoyaltyForReact, {
  clientId: 'shop',
  proxy: 'https://loyalty.example.com',
  store: '101',
  onDiscountChange: (event: SpendgoDiscountChangeEvent) => void event.discount,
});
void [tag, page];
`;

const backend = `
import {
  createMerchantClient,
  MerchantApiError,
  MerchantConflictError,
  webhooks,
  WebhookSignatureError,
  type WebhookEvent,
} from '@spendgo-loyalty/merchant';

const client = createMerchantClient({ proxyUrl: 'https://loyalty.example.com', clientId: 'shop', secret: 'x'.repeat(32) });
export async function order(): Promise<string> {
  try {
    const { order, requestId } = await client.completed('A-1');
    const total: number = order.total;
    // @ts-expect-error an order's total is a number: the types are not any
    const wrong: string = order.total;
    return \`\${requestId} \${total} \${String(wrong)}\`;
  } catch (error) {
    if (error instanceof MerchantConflictError) return error.requestId ?? '';
    if (error instanceof MerchantApiError) return error.code;
    throw error;
  }
}
export async function receive(body: string, header: string): Promise<WebhookEvent['type'] | 'refused'> {
  try {
    return (await webhooks.constructEvent(body, header, ['next-secret', 'previous-secret'])).type;
  } catch (error) {
    if (error instanceof WebhookSignatureError) return 'refused';
    throw error;
  }
}
`;

const RESOLUTIONS = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
} as const;

before(() => {
  [widget, merchant] = stagePackages() as [Staged, Staged];
  project = mkdtempSync(join(tmpdir(), 'spendgo-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-merchant', private: true, type: 'module' }));
  writeFileSync(join(project, 'storefront.ts'), storefront);
  writeFileSync(join(project, 'backend.ts'), backend);
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      widget.tarball,
      merchant.tarball,
      `react@${lockedVersion('react')}`,
      `@types/react@${lockedVersion('@types/react')}`,
    ],
    { cwd: project, encoding: 'utf8' },
  );
  assert.equal(install.status, 0, install.stderr);
});

after(() => {
  rmSync(project, { recursive: true, force: true });
});

void describe('the tarballs', () => {
  void it('the widget holds its builds, declarations, manifest, notices and licence, and no sources or tests', () => {
    const files = tarballFiles(widget.tarball);
    for (const f of [
      'dist/spendgo-loyalty.js',
      'dist/react.js',
      'cdn/spendgo-loyalty.js',
      'cdn/THIRD-PARTY-LICENSES.txt',
      'types/index.d.ts',
      'types/react.d.ts',
      'custom-elements.json',
      'widget-api.md',
      'LICENSE',
      'README.md',
      'package.json',
    ])
      assert.ok(files.includes(f), `missing ${f}`);
    assert.deepEqual(
      files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => /test|\.dev\.vars|wrangler|proxy|sandbox/.test(f)),
      [],
    );
  });

  void it('the merchant client holds one module, its declarations and its licence', () => {
    assert.deepEqual(tarballFiles(merchant.tarball).sort(), [
      'LICENSE',
      'README.md',
      'dist/client.js',
      'package.json',
      'types/index.d.ts',
    ]);
  });

  void it('the widget depends only on what it runs, and the merchant client on nothing', () => {
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(Object.keys(manifest(widget.dir).dependencies ?? {}).sort(), [
      '@lit/react',
      '@lit/task',
      'lit',
      'oidc-client-ts',
    ]);
    assert.equal(manifest(merchant.dir).dependencies, undefined);
  });

  void it('the React wrapper is marked for the client, and the script-tag build keeps its licence banner', () => {
    assert.match(readFileSync(join(widget.dir, 'dist/react.js'), 'utf8'), /^'use client';/);
    assert.match(readFileSync(join(widget.dir, 'cdn/spendgo-loyalty.js'), 'utf8'), /^\/\*! spendgo-loyalty .* MIT/);
  });

  void it('the manifest names shipped modules and typed events', () => {
    const text = readFileSync(join(widget.dir, 'custom-elements.json'), 'utf8');
    assert.equal(/\.ts"/.test(text), false, 'a path points at a .ts source');
    const manifest = JSON.parse(text) as {
      modules: { path: string; declarations: { tagName?: string; events?: { type?: { text: string } }[] }[] }[];
    };
    assert.deepEqual(
      manifest.modules.map((m) => m.path),
      ['dist/spendgo-loyalty.js'],
    );
    const element = manifest.modules[0]!.declarations.find((d) => d.tagName === 'spendgo-loyalty')!;
    assert.ok(element.events!.length >= 5);
    for (const event of element.events!) assert.match(event.type?.text ?? '', /^Spendgo\w+Event$/);
  });
});

void describe('a merchant project outside the repository', () => {
  for (const [name, options] of Object.entries(RESOLUTIONS)) {
    void it(`type-checks against both packages under ${name} resolution`, () => {
      const config = join(project, `tsconfig.${name}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: 'es2022',
            lib: ['es2023', 'dom', 'dom.iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['storefront.ts', 'backend.ts'],
        }),
      );
      const result = spawnSync(bin('tsc'), ['-p', config], { cwd: project, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
    });
  }

  void it('runs them in Node: the client signs and sends, the element module imports without a DOM', () => {
    const script = `
      const { createMerchantClient, MerchantConnectionError } = await import('@spendgo-loyalty/merchant');
      const widget = await import('@spendgo-loyalty/widget');
      if (typeof widget.SpendgoLoyalty !== 'function') throw new Error('no element class');
      const client = createMerchantClient({ proxyUrl: 'http://127.0.0.1:9', clientId: 'shop', secret: 'x'.repeat(32),
        retries: { attempts: 1 }, timeoutMs: 2000 });
      try { await client.get('A-1'); throw new Error('a closed port answered'); }
      catch (error) { if (!(error instanceof MerchantConnectionError)) throw error; }
      console.log('ok');
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'ok');
  });
});
