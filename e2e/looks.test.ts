// How the widget looks, in Chromium on the real local stack: signed in on the cart page, and
// signed out with the join form open (its field errors showing), in every language, on a light and a dark page, from 240 px to desktop. Screenshots for a person
// to look at (test-results/screenshots/looks-*), and what can be measured: nothing wider than
// the page, from 320 px up for the whole demo page; and no layout shift while the widget loads,
// signed out or (on a reload) signed in.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, resetSandbox, SCREENSHOTS, signIn, STOREFRONT } from './browser.ts';

let browser: Browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  await resetSandbox();
});
after(async () => {
  await browser.close();
});

/** The widget's parts that stick out of it sideways (by their part name or tag). */
function overflowing(page: Page): Promise<string[]> {
  return page.locator('spendgo-loyalty').evaluate((el) => {
    const root = el.shadowRoot!;
    const box = el.getBoundingClientRect();
    return [...root.querySelectorAll('*')]
      .filter((node) => {
        const r = node.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
      })
      .map((node) => node.getAttribute('part') ?? node.tagName.toLowerCase());
  });
}

/** Each language, then each width from 240 px to desktop: nothing sticks out of the widget (nor,
 * from 320 px, out of the page), and a screenshot named `looks-<name>-<lang>-<width>`. */
async function everyLanguageAndWidth(page: Page, name: string): Promise<void> {
  const widget = page.locator('spendgo-loyalty');
  const headings = { en: 'Rewards', es: 'Recompensas', fr: 'Récompenses', ar: 'المكافآت' };
  for (const [lang, heading] of Object.entries(headings)) {
    await widget.evaluate((el, value) => {
      el.setAttribute('lang', value);
    }, lang);
    // The locale's strings arrive in a chunk of their own.
    await widget.getByRole('heading', { name: heading }).waitFor();
    for (const width of [240, 320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      assert.deepEqual(await overflowing(page), [], `${name}, ${lang} at ${width} px: parts wider than the widget`);
      if (width >= 320) {
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(sideways <= 0, `${name}, ${lang} at ${width} px: the demo page scrolls sideways by ${sideways} px`);
      }
      await widget.screenshot({ path: `${SCREENSHOTS}/looks-${name}-${lang}-${width}.png` });
    }
  }
}

describe('the widget in every language and theme', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`signed in on a ${colorScheme} page, 240 px to 1280 px, en/es/fr/ar`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(STOREFRONT);
      await signIn(page, 'Jordan Lee');
      await page.getByText('40 points').waitFor();
      await everyLanguageAndWidth(page, colorScheme);
      await context.close();
    });

    it(`the join form on a ${colorScheme} page, 240 px to 1280 px, en/es/fr/ar`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(STOREFRONT);
      const widget = page.locator('spendgo-loyalty');
      await widget.locator('[part~=join-button]').click();
      // Sent empty: each field's problem shows, worded in the language rendered.
      await widget.locator('[part~=join-submit]').click();
      await widget.locator('.field-error').first().waitFor();
      await everyLanguageAndWidth(page, `join-${colorScheme}`);
      await context.close();
    });
  }
});

/** The page's layout shift so far (CLS's sum, shifts after input excluded), once it has settled. */
async function layoutShift(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve((window as unknown as { layoutShift: number }).layoutShift);
          });
        });
      }),
  );
}

describe('the widget holds its place while it loads', () => {
  it('moves nothing on the page, signed out or reloaded signed in (CLS 0)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Layout shifts reach only an observer (not the performance timeline): one from the start.
    await context.addInitScript(() => {
      const page = window as unknown as { layoutShift: number };
      page.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) page.layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(STOREFRONT);
    await page.getByRole('button', { name: 'Sign in with Spendgo' }).waitFor();
    const signedOut = await layoutShift(page);
    await signIn(page, 'Jordan Lee');
    await page.getByText('40 points').waitFor();
    await page.reload();
    await page.locator('spendgo-loyalty').getByRole('group', { name: 'Choose one reward for this order' }).waitFor();
    const reloaded = await layoutShift(page);
    console.log(`layout shift while the widget loads: signed out ${signedOut}, signed-in reload ${reloaded}`);
    assert.equal(signedOut, 0, 'the signed-out widget moved the page');
    assert.equal(reloaded, 0, 'the signed-in reload moved the page');
    await context.close();
  });
});
