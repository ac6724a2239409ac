// Pay at the table in the real system: staff open table 12's check (its link is the QR code),
// two diners' phones open it, and each pays their own part as their own Spendgo order, one
// with a reward. When both pay for the same dish at the same moment, one is refused and nothing
// is paid twice; in the end the check is paid exactly, and Spendgo saw one order per payment.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, member, orderCalls, resetSandbox, SCREENSHOTS, signIn, STOREFRONT } from './browser.ts';

let browser: Browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser.close();
});
beforeEach(resetSandbox);

/** Staff open a check for table 12 (2 × Turkey $9, Garden Salad $12.50, 2 × Latte $4.75: $40). */
async function openCheck(): Promise<string> {
  const context = await browser.newContext();
  const pos = await context.newPage();
  await pos.goto(`${STOREFRONT}/table.html`);
  await pos.getByRole('button', { name: 'Open a check for table 12' }).click();
  const href = await pos.locator('#table-link').getAttribute('href');
  await context.close();
  assert.ok(href);
  return href;
}

async function phone(link: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByText('Check $40.00').waitFor();
  return page;
}

const pick = async (page: Page, label: string, nth = 0) => {
  await page
    .getByRole('checkbox', { name: new RegExp(`^${label}`) })
    .nth(nth)
    .check();
};

/** Waits for the widget's validation of the part (the form valid, a checkout id), then pays. */
async function pay(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLElement & { checkoutId: string | null }>('spendgo-loyalty');
    const form = document.querySelector<HTMLFormElement>('#pay-form');
    return (el?.checkoutId?.startsWith('ck_') ?? false) && (form?.checkValidity() ?? false);
  });
  await page.getByRole('button', { name: 'Pay' }).click();
}

const result = (page: Page) =>
  page.locator('#pay-status[data-result]').getAttribute('data-result', { timeout: 20_000 });

describe('pay at the table', () => {
  it('two diners pay at the same moment, one with a reward; a dish is paid once and the check exactly', async () => {
    const link = await openCheck();
    const jordan = await phone(link);
    await signIn(jordan, 'Jordan Lee');
    const guest = await phone(link);
    // Both want the salad; Jordan uses $5 Off on it.
    await pick(jordan, 'Garden Salad');
    await jordan.getByRole('radio', { name: /\$5 Off/ }).check();
    await jordan.getByText('$5.00 off applied').waitFor();
    await pick(guest, 'Garden Salad');
    await pick(guest, 'Turkey Sandwich', 0);
    await Promise.all([
      jordan.waitForFunction(() => {
        const el = document.querySelector<HTMLElement & { checkoutId: string | null; discount: number }>(
          'spendgo-loyalty',
        );
        return el?.checkoutId?.startsWith('ck_') && el.discount === 5;
      }),
      guest.waitForFunction(
        () => document.querySelector<HTMLElement & { checkoutId: string | null }>('spendgo-loyalty')?.checkoutId,
      ),
    ]);
    await jordan.screenshot({ path: `${SCREENSHOTS}/table-01-jordan.png`, fullPage: true });
    await Promise.all([
      jordan.getByRole('button', { name: 'Pay' }).click(),
      guest.getByRole('button', { name: 'Pay' }).click(),
    ]);
    const outcomes = await Promise.all([result(jordan), result(guest)]);
    assert.deepEqual([...outcomes].sort(), ['already_paid', 'paid'], `outcomes: ${outcomes.join(', ')}`);
    const [winner, loser] = outcomes[0] === 'paid' ? [jordan, guest] : [guest, jordan];
    await loser.getByText('Someone at the table has just paid for that.').waitFor();
    await loser.screenshot({ path: `${SCREENSHOTS}/table-02-already-paid.png`, fullPage: true });

    // The other diner pays for everything still open.
    await loser.getByText('(paid)').first().waitFor();
    for (const box of await loser.locator('#check-lines input:not(:disabled)').all()) await box.check();
    // Jordan's part emptied when the salad went, and an emptied cart drops the reward: chosen again.
    if (loser === jordan) {
      await jordan.getByRole('radio', { name: /\$5 Off/ }).check();
      await jordan.getByText('$5.00 off applied').waitFor();
    }
    await pay(loser);
    await loser.locator('#pay-status[data-result="paid"]').waitFor({ timeout: 20_000 });
    await loser.getByText('Check $40.00, paid $40.00, left $0.00.').waitFor();
    await winner.reload();
    await winner.getByText('left $0.00').waitFor();

    // Spendgo saw two orders, each placed, billed and completed once; Jordan's reward is spent.
    const calls = await orderCalls();
    const orders = [...new Set(calls.map((c) => c.split(' ')[1]))].filter((id) => id?.startsWith('tbl-12-'));
    assert.equal(orders.length, 2);
    for (const id of orders)
      assert.deepEqual(
        calls.filter((c) => c.endsWith(` ${id!}`)),
        [`placed ${id!}`, `billed ${id!}`, `completed ${id!}`],
      );
    const ledger = (await member('1009029')).ledger.filter((e) => orders.includes(e.order_id ?? ''));
    assert.ok(
      ledger.some((e) => e.kind === 'redeem'),
      'Jordan redeemed the reward on their own order',
    );
  });

  it('two diners pay an equal share each at the same moment, one with a reward: both go through', async () => {
    const link = await openCheck();
    const jordan = await phone(link);
    await signIn(jordan, 'Jordan Lee');
    const guest = await phone(link);
    for (const page of [jordan, guest]) await page.getByRole('radio', { name: 'An equal share' }).check();
    await jordan.getByRole('radio', { name: /\$5 Off/ }).check();
    await jordan.getByText('$5.00 off applied').waitFor();
    await Promise.all([pay(jordan), pay(guest)]);
    assert.deepEqual(await Promise.all([result(jordan), result(guest)]), ['paid', 'paid']);
    await guest.getByText('Check $40.00, paid $40.00, left $0.00.').waitFor();
    const orders = [...new Set((await orderCalls()).map((c) => c.split(' ')[1]))].filter((id) =>
      id?.startsWith('tbl-12-'),
    );
    assert.equal(orders.length, 2);
    // The page says paid once billed; completed (the earn) reaches Spendgo from the outbox just after.
    let jordanOrders: Awaited<ReturnType<typeof member>>['ledger'] = [];
    for (let i = 0; i < 40 && !jordanOrders.some((e) => e.kind === 'earn'); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250));
      jordanOrders = (await member('1009029')).ledger.filter((e) => orders.includes(e.order_id ?? ''));
    }
    // $20 share − $5 reward: 15 points, on Jordan's own order only.
    assert.deepEqual(
      jordanOrders.filter((e) => e.kind !== 'issue').map((e) => [e.kind, e.units]),
      [
        ['redeem', 0],
        ['earn', 15],
      ],
    );
  });

  it('an equal share each, at the same moment, and a declined card voids only its own payment', async () => {
    const link = await openCheck();
    const [a, b] = [await phone(link), await phone(link)];
    for (const page of [a, b]) await page.getByRole('radio', { name: 'An equal share' }).check();
    await b.getByLabel('Make my card fail').check();
    await Promise.all([pay(a), pay(b)]);
    assert.deepEqual((await Promise.all([result(a), result(b)])).sort(), ['paid', 'payment_failed']);
    await a.getByText('paid $20.00, left $20.00').waitFor();
    // B tries again with a good card: the share is still there for them.
    await b.getByLabel('Make my card fail').uncheck();
    await pay(b);
    await b.locator('#pay-status[data-result="paid"]').waitFor({ timeout: 20_000 });
    await b.getByText('Check $40.00, paid $40.00, left $0.00.').waitFor();
    await b.screenshot({ path: `${SCREENSHOTS}/table-03-shares-paid.png`, fullPage: true });
  });
});
