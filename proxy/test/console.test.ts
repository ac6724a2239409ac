// The operations console (/console), tried as an attacker would first: wrong credentials, a
// forged or expired or signed-out session cookie, a form posted from another site or without the
// session's CSRF token, a widget's bearer token; then as an operations lead: orders listed by
// what needs attention, held or auto-voided, each order's timeline with Spendgo's answers, and
// re-drive, extend-hold and void, each confirmed first and carried out through the signed API.

import { beforeEach, describe, expect, it } from 'vitest';
import { issueSession, SESSION_SECONDS } from '../src/console/session';
import { ConsoleBrowser } from './console-browser';
import {
  cart,
  checkoutAs as checkout,
  CLIENT_ID,
  freshRateWindow,
  MERCHANT_SECRET,
  merchant,
  orderOf,
  resetSandbox,
  setFaults,
  settle,
  signIn,
} from './helpers';

beforeEach(resetSandbox);

const RILEY = '1009033';

/** A placed order of Riley's (no reward) under a fresh id; `beforePlaced` runs after its checkout. */
async function placedOrder(prefix: string, extra: Parameters<typeof orderOf>[2] = {}, beforePlaced = async () => {}) {
  const id = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
  const done = await checkout(await signIn(RILEY), cart);
  await beforePlaced();
  await merchant.placed(id, orderOf(done.checkout_id, cart, extra));
  return id;
}

describe('signing in to the console', () => {
  it('refuses wrong credentials, and sends a page without a session to the sign-in form', async () => {
    const browser = new ConsoleBrowser();
    expect(await browser.send('/console')).toMatchObject({ status: 303, location: '/console/sign-in?next=%2Fconsole' });
    const wrong = await browser.signIn('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('do not match');
    expect(wrong.res.headers.get('Set-Cookie')).toBeNull();
    expect((await browser.signIn(MERCHANT_SECRET, 'no-such-client')).status).toBe(401);

    const right = await browser.signIn();
    expect(right).toMatchObject({ status: 303, location: '/console' });
    const cookie = right.res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_SECONDS}`));
    const list = await browser.send('/console');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`Signed in as ${CLIENT_ID}`);
    expect(list.res.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'.*form-action 'self'/);
    expect(list.res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('an empty or missing client id or secret is a 400 with the form again, never a 500', async () => {
    const browser = new ConsoleBrowser();
    for (const form of [
      { client_id: CLIENT_ID, secret: '' },
      { client_id: CLIENT_ID },
      { client_id: '', secret: MERCHANT_SECRET },
      {},
    ]) {
      const res = await browser.send('/console/sign-in', { form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.html).toContain('Enter the client id and the merchant secret');
      expect(res.res.headers.get('Set-Cookie')).toBeNull();
    }
  });

  it('stops guessing: sign-ins from one address are limited, and the right secret then waits too', async () => {
    await freshRateWindow();
    const ip = { 'CF-Connecting-IP': '203.0.113.44' };
    const browser = new ConsoleBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++)
      statuses.push(
        (await browser.send('/console/sign-in', { form: { client_id: CLIENT_ID, secret: `guess-${i}` }, headers: ip }))
          .status,
      );
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await browser.send('/console/sign-in', {
      form: { client_id: CLIENT_ID, secret: MERCHANT_SECRET },
      headers: ip,
    });
    expect(right.status).toBe(429);
    expect(right.html).toContain('Too many sign-in attempts');
    expect(right.res.headers.get('Retry-After')).toBe('60');
    expect(browser.cookie).toBe('');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const browser = new ConsoleBrowser();
    const forged = await browser.send('/console/sign-in', {
      form: { client_id: CLIENT_ID, secret: MERCHANT_SECRET },
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.test' },
    });
    expect(forged.status).toBe(403);
    expect(browser.cookie).toBe('');
  });

  it('refuses a forged, an expired and a signed-out session, and a bearer token', async () => {
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const [name, value] = browser.cookie.split('=') as [string, string];
    // The payload claims another client; the MAC was made for this one.
    const [payload, mac] = value.split('.');
    const claims = JSON.parse(atob(payload!.replaceAll('-', '+').replaceAll('_', '/'))) as { clientId: string };
    const other = btoa(JSON.stringify({ ...claims, clientId: 'shop-b' })).replaceAll('=', '');
    const forged = new ConsoleBrowser();
    forged.cookie = `${name}=${other}.${mac}`;
    expect((await forged.send('/console')).location).toBe('/console/sign-in?next=%2Fconsole');

    const expired = new ConsoleBrowser();
    const old = await issueSession(MERCHANT_SECRET, CLIENT_ID, Math.floor(Date.now() / 1000) - SESSION_SECONDS - 1);
    expired.cookie = `${name}=${old.cookie}`;
    expect((await expired.send('/console')).location).toBe('/console/sign-in?next=%2Fconsole');

    const bearer = await browser.send('/console', { headers: { Authorization: 'DPoP some-widget-token' } });
    expect(bearer.status).toBe(403);

    const kept = browser.cookie;
    const out = await browser.send('/console/sign-out', { form: { csrf: await browser.csrf() } });
    expect(out).toMatchObject({ status: 303, location: '/console/sign-in' });
    const replayed = new ConsoleBrowser();
    replayed.cookie = kept;
    expect((await replayed.send('/console')).location).toBe('/console/sign-in?next=%2Fconsole');
  });

  it('changes nothing for an action posted without the session’s CSRF token or from another site', async () => {
    const id = await placedOrder('CSRF');
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const other = new ConsoleBrowser();
    await other.signIn();
    const foreignToken = await other.csrf();
    expect(foreignToken).not.toBe(await browser.csrf());

    for (const form of [{ reason: 'x' }, { csrf: 'forged', reason: 'x' }, { csrf: foreignToken, reason: 'x' }])
      expect((await browser.send(`/console/orders/${id}/void`, { form })).status).toBe(403);
    const crossSite = await browser.send(`/console/orders/${id}/void`, {
      form: { csrf: await browser.csrf(), reason: 'x' },
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await merchant.get(id)).status).toBe('placed');
    await merchant.voided(id);
  });
});

describe('operating orders from the console', () => {
  it('lists what needs attention and what is held, with each order’s timeline and Spendgo’s answers', async () => {
    const stuck = await placedOrder('STUCK', {}, () => setFaults({ error_rate: 1 }));
    await settle(stuck);
    await setFaults({});
    const held = await placedOrder('HELD');
    await settle(held);
    const browser = new ConsoleBrowser();
    await browser.signIn();

    const attention = await browser.send('/console?show=attention&status=&from=&to=');
    expect(attention.html).toContain(`/console/orders/${stuck}`);
    expect(attention.html).not.toContain(`/console/orders/${held}`);
    const holding = await browser.send('/console?show=held');
    expect(holding.html).toContain(`/console/orders/${held}`);
    expect((await browser.send('/console?show=nonsense')).status).toBe(400);

    const stuckPage = await browser.send(`/console/orders/${stuck}`);
    expect(stuckPage.html).toContain('Dead-lettered');
    expect(stuckPage.html).toContain('Stopped: ');
    expect(stuckPage.html).toContain(`/console/orders/${stuck}/redrive?seq=1`);
    const heldPage = await browser.send(`/console/orders/${held}`);
    expect(heldPage.html).toMatch(/Spendgo answered: status placed/);
    expect(heldPage.html).toContain(`/console/orders/${held}/extend-hold`);
    expect(heldPage.html).toContain(`/console/orders/${held}/void`);
    expect((await browser.send('/console/orders/NO-SUCH-ORDER')).status).toBe(404);
    const nowhere = await browser.send('/console/no/such/page');
    expect(nowhere.status).toBe(404);
    expect(nowhere.res.headers.get('Content-Type')).toMatch(/^text\/html/);

    // Re-drive, once confirmed: the stopped placed goes to Spendgo again and is delivered.
    const confirm = await browser.send(`/console/orders/${stuck}/redrive?seq=1`);
    expect(confirm.html).toContain('Send event 1 (placed) again?');
    const sent = await browser.send(`/console/orders/${stuck}/redrive`, {
      form: { csrf: await browser.csrf(), seq: '1' },
    });
    expect(sent).toMatchObject({ status: 303, location: `/console/orders/${stuck}?done=redrive&seq=1` });
    expect((await settle(stuck)).events[0]!.state).toBe('delivered');
    expect((await browser.send(sent.location!)).html).toContain('queued to be sent to Spendgo again');
    // A second post of the same form finds nothing to re-drive and changes nothing.
    const again = await browser.send(`/console/orders/${stuck}/redrive`, {
      form: { csrf: await browser.csrf(), seq: '1' },
    });
    expect(again.status).toBe(409);

    for (const id of [stuck, held]) await merchant.voided(id);
  });

  it('marks a stopped event as applied at Spendgo, with the transaction id the operator read there', async () => {
    const id = await placedOrder('APPLIED', {}, () => setFaults({ error_rate: 1 }));
    await settle(id);
    await setFaults({});
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const page = await browser.send(`/console/orders/${id}/confirm?seq=1`);
    expect(page.html).toContain('Mark event 1 (placed) as applied at Spendgo?');
    const bad = { csrf: await browser.csrf(), seq: '1', transaction_id: 'not a transaction id!' };
    expect((await browser.send(`/console/orders/${id}/confirm`, { form: bad })).status).toBe(400);
    expect((await merchant.get(id)).events[0]!.state).toBe('dead_lettered');
    const form = { ...bad, transaction_id: 'TX-SEEN-AT-SPENDGO' };
    expect((await browser.send(`/console/orders/${id}/confirm`, { form })).status).toBe(303);
    const view = await merchant.get(id);
    expect(view.events[0]).toMatchObject({ state: 'delivered', spendgo: { transaction_id: 'TX-SEEN-AT-SPENDGO' } });
    expect(view.transaction_id).toBe('TX-SEEN-AT-SPENDGO');
  });

  it('shows when a reservation is for, and that it is catering', async () => {
    const wanted = new Date(Date.now() + 2 * 86_400_000);
    const id = await placedOrder('RSV', { wanted, orderType: 'catering' });
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const page = await browser.send(`/console/orders/${id}`);
    expect(page.html).toContain('Wanted for');
    expect(page.html).toContain('(catering)');
    const view = await merchant.get(id);
    expect(Date.parse(view.wanted!)).toBe(Math.floor(wanted.getTime() / 1000) * 1000);
    await merchant.voided(id);
  });

  it('extends a hold to a time the form names, and voids an order, each through the signed API', async () => {
    const id = await placedOrder('OPS', { holdUntil: new Date(Date.now() + 3600_000) });
    const browser = new ConsoleBrowser();
    await browser.signIn();
    const before = (await merchant.get(id)).hold_until!;
    const choices = await browser.send(`/console/orders/${id}/extend-hold`);
    const until = /name="hold_until" value="([^"]+)"/.exec(choices.html)![1]!;
    expect(Date.parse(until) - Date.parse(before)).toBe(3600_000);
    const form = { csrf: await browser.csrf(), hold_until: until };
    expect((await browser.send(`/console/orders/${id}/extend-hold`, { form })).status).toBe(303);
    // The same form posted twice moves the hold once.
    expect((await browser.send(`/console/orders/${id}/extend-hold`, { form })).status).toBe(303);
    expect((await merchant.get(id)).hold_until).toBe(until);
    const tooFar = { ...form, hold_until: new Date(Date.now() + 40 * 86_400_000).toISOString() };
    const refused = await browser.send(`/console/orders/${id}/extend-hold`, { form: tooFar });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('invalid_hold');

    const voidForm = { csrf: await browser.csrf(), reason: 'Guest cancelled by phone' };
    const voided = await browser.send(`/console/orders/${id}/void`, { form: voidForm });
    expect(voided).toMatchObject({ status: 303, location: `/console/orders/${id}?done=void` });
    const view = await settle(id);
    expect(view).toMatchObject({ status: 'voided', voided_by: 'merchant' });
    expect(view.events.map((e) => [e.type, e.state])).toEqual([
      ['placed', 'delivered'],
      ['voided', 'delivered'],
    ]);
    // Voided, it offers neither a void nor a hold any more.
    expect((await browser.send(`/console/orders/${id}/void`)).status).toBe(409);
    const page = await browser.send(`/console/orders/${id}`);
    expect(page.html).not.toContain(`/console/orders/${id}/void`);
  });
});
