// The console's tools beyond the list: finding an order by id, refunding a completed order (and
// only a completed one), and the list as CSV, whose cells a spreadsheet must not run.

import { beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../src/console/export';
import { ConsoleBrowser } from './console-browser';
import { cart, guestCheckoutAs, merchant, orderOf, paidInFull, resetSandbox, settle } from './helpers';

beforeEach(resetSandbox);

async function order(id: string, through: 'placed' | 'completed'): Promise<void> {
  const { checkout_id } = await guestCheckoutAs(cart);
  await merchant.placed(id, orderOf(checkout_id));
  if (through === 'completed') {
    await merchant.billed(id, await paidInFull(id));
    await merchant.completed(id);
  }
  await settle(id);
}

describe('the console’s tools', () => {
  it('finds an order by id, and says so for a malformed one', async () => {
    const browser = new ConsoleBrowser();
    await browser.signIn();
    expect(await browser.send('/console/find?order=%20TOOL-1%20')).toMatchObject({
      status: 303,
      location: '/console/orders/TOOL-1',
    });
    const bad = await browser.send('/console/find?order=..%2F..%2Foauth');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('not an order id');
  });

  it('refunds a completed order after its confirmation, and offers no refund before', async () => {
    await order('TOOL-2', 'placed');
    const browser = new ConsoleBrowser();
    await browser.signIn();
    expect((await browser.send('/console/orders/TOOL-2/refund')).status).toBe(409);
    const early = await browser.send('/console/orders/TOOL-2/refund', {
      form: { csrf: await browser.csrf(), reason: '' },
    });
    expect(early.status).toBe(409);
    expect((await settle('TOOL-2')).status).toBe('placed');

    await merchant.billed('TOOL-2', await paidInFull('TOOL-2'));
    await merchant.completed('TOOL-2');
    await settle('TOOL-2');
    const confirm = await browser.send('/console/orders/TOOL-2/refund');
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Refund order TOOL-2');
    const done = await browser.send('/console/orders/TOOL-2/refund', {
      form: { csrf: await browser.csrf(), reason: 'Returned the goods' },
    });
    expect(done).toMatchObject({ status: 303, location: '/console/orders/TOOL-2?done=refund' });
    const view = await settle('TOOL-2');
    expect(view.status).toBe('refunded');
    expect(view.audit.map((a) => [a.operator, a.action])).toEqual([['shop-a (merchant secret)', 'refunded']]);
  });

  it('exports the filtered list as CSV, every cell quoted and none a formula', async () => {
    await order('-TOOL-3', 'placed');
    await order('TOOL-4', 'completed');
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const all = await browser.send('/console/orders.csv?show=&status=&from=&to=');
    expect(all.status).toBe(200);
    expect(all.res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(all.res.headers.get('Content-Disposition')).toBe('attachment; filename="shop-a-orders.csv"');
    const lines = all.html.trimEnd().split('\r\n');
    expect(lines[0]).toBe('order_id,placed_at,status,attention,hold_until,voided_by');
    expect(lines.some((l) => l.startsWith(`"'-TOOL-3","`))).toBe(true);
    const completed = await browser.send('/console/orders.csv?status=completed');
    expect(completed.html).toContain('"TOOL-4"');
    expect(completed.html).not.toContain('TOOL-3');
    expect((await browser.send('/console/orders.csv?status=lost')).status).toBe(400);
    expect((await new ConsoleBrowser().send('/console/orders.csv')).status).toBe(303);
  });

  it('quotes every cell, doubles quotes, and makes text of what a spreadsheet would run', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', 'plain', null].map(csvCell)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `"'+1"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      '"plain"',
      '""',
    ]);
  });
});
