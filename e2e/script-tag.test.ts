// The script-tag build as a merchant serves it: one <script type="module"> with its printed
// Subresource Integrity hash, and the import map of chunk hashes (dist/widget/cdn). Chromium
// must run the widget and its lazily loaded locale when every hash matches, and refuse a file
// whose hash does not. Pages and files are served by request interception on made-up hosts;
// the sign-in case serves them on the demo's own origin, so the real proxy and sandbox take a
// member through the shipped sign-in chunk. Last, the build as the proxy itself serves it
// (/widget/v<version>/ and the /widget/v<major>/ alias) to a page of another origin.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chooseMember, launch, STOREFRONT } from './browser.ts';

const CDN = 'https://cdn.example.test/spendgo/1.0.0/';
const SHOP = 'https://shop.example.test/';
const dist = resolve(import.meta.dirname, '../dist/widget/cdn');
const entryIntegrity = readFileSync(resolve(dist, 'integrity.txt'), 'utf8').trim();
const printedMap = JSON.parse(readFileSync(resolve(dist, 'importmap.json'), 'utf8')) as {
  integrity: Record<string, string>;
};
const chunkHashes = Object.fromEntries(
  Object.entries(printedMap.integrity).map(([url, hash]) => [url.replace('https://YOUR-HOST/PATH/', CDN), hash]),
);
const spanishChunk = Object.keys(chunkHashes).find((url) => /\/chunks\/es-[^/]+\.js$/.test(url))!;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** Opens the shop page with the given script integrity and chunk hashes; collects the console. */
async function open(scriptIntegrity: string, hashes: Record<string, string>): Promise<{ page: Page; logs: string[] }> {
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await page.route(`${CDN}**`, (route) =>
    route.fulfill({
      path: resolve(dist, new URL(route.request().url()).pathname.slice(new URL(CDN).pathname.length)),
      contentType: 'text/javascript',
      headers: { 'Access-Control-Allow-Origin': '*' },
    }),
  );
  await page.route(SHOP, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head>
        <script type="importmap">${JSON.stringify({ integrity: hashes })}</script>
        <script type="module" src="${CDN}spendgo-loyalty.js" integrity="${scriptIntegrity}" crossorigin="anonymous"></script>
        </head><body><spendgo-loyalty lang="es" client-id="shop" proxy="https://proxy.example.test" store="1"></spendgo-loyalty></body></html>`,
    }),
  );
  await page.goto(SHOP);
  return { page, logs };
}

const shadowText = (page: Page) =>
  page.evaluate(() => document.querySelector('spendgo-loyalty')?.shadowRoot?.textContent ?? '');
const waitForText = (page: Page, text: string) =>
  page.waitForFunction(
    (wanted) => (document.querySelector('spendgo-loyalty')?.shadowRoot?.textContent ?? '').includes(wanted),
    text,
  );

describe('the script-tag build with its integrity hashes', () => {
  it('runs, and loads its Spanish chunk, when every hash matches', async () => {
    const { page } = await open(entryIntegrity, chunkHashes);
    await page.waitForFunction(() => customElements.get('spendgo-loyalty') !== undefined);
    await waitForText(page, 'Iniciar sesión');
    await page.close();
  });

  it('is refused by the browser when the script tag’s hash does not match', async () => {
    const { page, logs } = await open(`sha384-${'A'.repeat(64)}`, chunkHashes);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => customElements.get('spendgo-loyalty') === undefined), true);
    assert.ok(
      logs.some((line) => line.includes('integrity')),
      logs.join('\n'),
    );
    await page.close();
  });

  it('does not run a lazily loaded chunk whose hash does not match the import map', async () => {
    const { page, logs } = await open(entryIntegrity, { ...chunkHashes, [spanishChunk]: `sha384-${'A'.repeat(64)}` });
    await page.waitForFunction(() => customElements.get('spendgo-loyalty') !== undefined);
    // The browser says why it refused the chunk; the element stays in English and keeps working.
    while (!logs.some((line) => line.includes('integrity'))) await page.waitForEvent('console');
    await waitForText(page, 'Sign in with Spendgo');
    assert.equal((await shadowText(page)).includes('Iniciar sesión'), false);
    await page.close();
  });
});

describe('the script-tag build against the local system', () => {
  it('signs a member in with its own sign-in chunk and shows the balance', async () => {
    // cart.html is one of the demo client's registered redirect URIs; the demo serves no such
    // page, so this test's page stands in for a merchant's that embeds the built file.
    const shop = `${STOREFRONT}/cart.html`;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${STOREFRONT}/__cdn/**`, (route) =>
      route.fulfill({
        path: resolve(dist, new URL(route.request().url()).pathname.slice('/__cdn/'.length)),
        contentType: 'text/javascript',
      }),
    );
    await page.route(`${shop}*`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head>
          <script type="module" src="/__cdn/spendgo-loyalty.js" integrity="${entryIntegrity}"></script>
          </head><body><spendgo-loyalty client-id="demo-storefront" proxy="http://127.0.0.1:8787" store="999999"
          redirect-uri="${shop}"></spendgo-loyalty></body></html>`,
      }),
    );
    await page.goto(shop);
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).click();
    await page.waitForURL(/127\.0\.0\.1:8788\/oauth2/);
    await chooseMember(page, 'Jordan Lee');
    await page.waitForURL(new RegExp(`^${shop}`));
    await page.getByText('Hi, Jordan').waitFor();
    await page
      .getByText(/^\d+ points$/)
      .first()
      .waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the script-tag build served by the proxy', () => {
  const PROXY = 'http://127.0.0.1:8787';
  // A merchant's page of another origin, served for real on loopback: Chromium refuses requests
  // from a page it cannot place (an intercepted one) to a loopback address (Local Network
  // Access), which a deployed proxy never is.
  let server: Server;
  let pageHtml = '';
  before(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  after(async () => {
    await new Promise<void>((done) => {
      server.close(() => {
        done();
      });
    });
  });

  const page = async (src: string, integrity: string | null) => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    pageHtml = `<!doctype html><html lang="en"><head>
      <script type="module" src="${src}" ${integrity ? `integrity="${integrity}"` : ''} crossorigin="anonymous"></script>
      </head><body><spendgo-loyalty lang="es" client-id="shop" proxy="https://proxy.example.test" store="1"></spendgo-loyalty></body></html>`;
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { tab, errors };
  };

  it('publishes the version it serves with its hashes, and serves it immutable to any page', async () => {
    const manifest = (await (await fetch(`${PROXY}/widget/manifest.json`)).json()) as {
      version: string;
      script: string;
      integrity: string;
    };
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.script, `/widget/v${pkg.version}/spendgo-loyalty.js`);
    assert.equal(manifest.integrity, entryIntegrity);
    const script = await fetch(`${PROXY}${manifest.script}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(script.headers.get('access-control-allow-origin'), '*');
    assert.match(await script.text(), /^\/\*! spendgo-loyalty .* MIT .*THIRD-PARTY-LICENSES\.txt \*\//);
    const notices = await fetch(`${PROXY}/widget/v${pkg.version}/THIRD-PARTY-LICENSES.txt`);
    assert.match(await notices.text(), /lit-html/);
  });

  it('runs on a page of another origin from its versioned URL with the published hash, chunks and all', async () => {
    const { version, integrity } = (await (await fetch(`${PROXY}/widget/manifest.json`)).json()) as {
      version: string;
      integrity: string;
    };
    const { tab, errors } = await page(`${PROXY}/widget/v${version}/spendgo-loyalty.js`, integrity);
    await tab.waitForFunction(() => customElements.get('spendgo-loyalty') !== undefined);
    await waitForText(tab, 'Iniciar sesión');
    assert.deepEqual(
      errors.filter((e) => !e.includes('proxy.example.test')),
      [],
    );
    await tab.close();
  });

  it('runs from the major-version alias, which follows to the versioned build', async () => {
    const { version } = (await (await fetch(`${PROXY}/widget/manifest.json`)).json()) as { version: string };
    const alias = await fetch(`${PROXY}/widget/v${version.split('.')[0]}/spendgo-loyalty.js`, { redirect: 'manual' });
    assert.equal(alias.status, 302);
    assert.equal(new URL(alias.headers.get('location')!, PROXY).pathname, `/widget/v${version}/spendgo-loyalty.js`);
    const other = await fetch(`${PROXY}/widget/v${Number(version.split('.')[0]) + 1}/spendgo-loyalty.js`, {
      redirect: 'manual',
    });
    assert.equal(other.status, 404, 'a major version this proxy does not serve');
    assert.equal(other.headers.get('access-control-allow-origin'), '*');
    const { tab } = await page(`${PROXY}/widget/v${version.split('.')[0]}/spendgo-loyalty.js`, null);
    await tab.waitForFunction(() => customElements.get('spendgo-loyalty') !== undefined);
    await waitForText(tab, 'Iniciar sesión');
    await tab.close();
  });

  it('refuses the served build under a wrong hash', async () => {
    const { script } = (await (await fetch(`${PROXY}/widget/manifest.json`)).json()) as { script: string };
    const { tab } = await page(`${PROXY}${script}`, `sha384-${'A'.repeat(64)}`);
    await tab.waitForLoadState('load');
    assert.equal(await tab.evaluate(() => customElements.get('spendgo-loyalty') === undefined), true);
    await tab.close();
  });
});
