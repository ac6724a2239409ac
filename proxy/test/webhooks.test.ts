// Webhooks to the merchant backend, received by the real demo backend (which verifies each
// signature before it reads the body): one per delivered event, a dead letter reported, an
// auto-void reported, each id once however often it is delivered, a refusing endpoint retried and
// then shown as failed on the order, and the test endpoint.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhook,
  WEBHOOK_CLIENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../shared/webhook-signature';
import type { OrderView } from '../../shared/wire';
import { webhookEvent } from '../src/webhooks/payload';
import {
  cart,
  eventually,
  checkoutAs as checkout,
  merchant,
  orderOf,
  paidInFull,
  resetSandbox,
  setFaults,
  settle,
  SHOPS,
  signIn,
} from './helpers';

beforeEach(resetSandbox);

interface Received {
  id: string;
  type: string;
  order_id: string | null;
}

async function received(orderId: string): Promise<Received[]> {
  const res = await env.MERCHANT_BACKEND.fetch('https://merchant-a.test/webhooks');
  const { webhooks } = await res.json<{ webhooks: Received[] }>();
  return webhooks.filter((w) => w.order_id === orderId).reverse();
}

/** Waits (bounded) until the backend has `count` webhooks about the order. */
const receivedAtLeast = (orderId: string, count: number): Promise<Received[]> =>
  eventually(
    () => received(orderId),
    (got) => got.length >= count,
    `the backend getting ${count} webhooks about ${orderId}`,
    200,
  );

describe('webhooks', () => {
  it('reports each delivered event once, verified by the backend, and lists them on the order', async () => {
    const session = await signIn('1009033');
    const validated = await checkout(session, cart);
    await merchant.placed('WH-1', orderOf(validated.checkout_id));
    await merchant.billed('WH-1', await paidInFull('WH-1'));
    await merchant.completed('WH-1');
    await settle('WH-1');
    const got = await receivedAtLeast('WH-1', 3);
    expect(got.map((w) => w.type)).toEqual(['order.event.delivered', 'order.event.delivered', 'order.event.delivered']);
    expect(new Set(got.map((w) => w.id)).size).toBe(3);
    const view = await merchant.get('WH-1');
    expect(view.webhooks?.map((w) => [w.id, w.state])).toEqual(got.map((w) => [w.id, 'delivered']));
  });

  it('reports a hold that ended (auto-voided) and a dead letter', async () => {
    const session = await signIn('1009033');
    const held = await checkout(session, cart);
    await merchant.placed('WH-2', orderOf(held.checkout_id, cart, { holdUntil: new Date(Date.now() + 800) }));
    const got = await receivedAtLeast('WH-2', 3);
    expect(got.map((w) => w.type)).toEqual(['order.event.delivered', 'order.auto_voided', 'order.event.delivered']);

    const doomed = await checkout(session, cart);
    await setFaults({ error_rate: 1 });
    await merchant.placed('WH-3', orderOf(doomed.checkout_id));
    expect((await settle('WH-3')).events[0]?.state).toBe('dead_lettered');
    await setFaults({});
    expect((await receivedAtLeast('WH-3', 1)).map((w) => w.type)).toEqual(['order.event.dead_lettered']);
  });

  it('a refusing endpoint is retried with backoff and then shown as failed; nothing else is held back', async () => {
    const shop = SHOPS.market;
    const session = await signIn('1009032', shop);
    const validated = await checkout(session, cart);
    await shop.merchant.placed('WH-B1', orderOf(validated.checkout_id));
    let view = await settle('WH-B1', shop.merchant);
    for (let i = 0; i < 200 && view.webhooks?.[0]?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await shop.merchant.get('WH-B1');
    }
    expect(view.events[0]?.state).toBe('delivered');
    expect(view.webhooks?.[0]).toMatchObject({ state: 'failed', attempts: 3 });
    expect(view.webhooks?.[0]?.last_error).toMatch(/Gave up after 3 attempts; last: the webhook URL answered HTTP 400/);
  });

  it('the test endpoint sends a signed webhook.test and says how the URL answered', async () => {
    expect(await merchant.testWebhook()).toEqual({
      delivered: true,
      url: 'https://merchant-a.test/webhooks',
      status: 204,
      error: null,
      requestId: expect.stringMatching(/^[\w-]{8,}$/),
    });
    expect(await SHOPS.market.merchant.testWebhook()).toMatchObject({ delivered: false, status: 400 });
    await expect(SHOPS.bakery.merchant.testWebhook()).rejects.toMatchObject({
      status: 409,
      code: 'webhook_not_configured',
    });
  });

  it('the backend takes a delivery it already has without logging it twice, and refuses a forged one', async () => {
    const secret = (JSON.parse(env.TEST_SECRETS) as Record<string, string>)['WEBHOOK_SECRET_A']!;
    const order = { order_id: 'WH-DUP' } as unknown as OrderView;
    const body = JSON.stringify(webhookEvent('whevt_dup', 'order.event.delivered', 'shop-a', Date.now(), order, null));
    const post = async (signature: string) =>
      (
        await env.MERCHANT_BACKEND.fetch('https://merchant-a.test/webhooks', {
          method: 'POST',
          headers: { [WEBHOOK_CLIENT_HEADER]: 'shop-a', [WEBHOOK_SIGNATURE_HEADER]: signature },
          body,
        })
      ).status;
    const signature = await signWebhook(secret, body, Math.floor(Date.now() / 1000));
    expect([await post(signature), await post(signature)]).toEqual([204, 204]);
    expect((await received('WH-DUP')).map((w) => w.id)).toEqual(['whevt_dup']);
    expect(await post(await signWebhook(`${secret}x`, body, Math.floor(Date.now() / 1000)))).toBe(400);
  });

  it('a signature verifies only over the same body, with the same secret, within five minutes', async () => {
    const body = '{"id":"whevt_1"}';
    const header = await signWebhook('secret-a-32-bytes-long-xxxxxxxxxx', body, 1_800_000_000);
    const at = (now: number) => verifyWebhook('secret-a-32-bytes-long-xxxxxxxxxx', header, body, now);
    expect((await at(1_800_000_100)).ok).toBe(true);
    expect(await at(1_800_000_301)).toEqual({ ok: false, error: 'stale' });
    expect(await verifyWebhook('secret-a-32-bytes-long-xxxxxxxxxx', header, `${body} `, 1_800_000_000)).toEqual({
      ok: false,
      error: 'mismatch',
    });
    expect(await verifyWebhook('another-secret-32-bytes-xxxxxxxxxx', header, body, 1_800_000_000)).toEqual({
      ok: false,
      error: 'mismatch',
    });
    expect(await verifyWebhook('x'.repeat(32), 't=1,v1=zz', body, 1)).toEqual({ ok: false, error: 'malformed' });
  });
});
