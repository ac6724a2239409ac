// Rotating a client's secrets with no downtime. The test configuration is mid-rotation: shop-b
// has two merchant secrets (the next one first) and shop-a two webhook secrets, while the demo
// backend still holds shop-a's previous one. An order whose backend switches secrets halfway
// goes through with no refused call; a secret that is neither is refused; each webhook carries
// one signature per secret, so a backend with either secret verifies it.

import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMerchantClient, MerchantAuthenticationError } from '../../merchant/client';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../shared/webhook-signature';
import { sendWebhook } from '../src/webhooks/send';
import { card, cart, guestCheckoutAs, orderOf, proxy, PROXY, proxyFetch, resetSandbox, settle, SHOPS } from './helpers';

beforeEach(resetSandbox);

const secrets = JSON.parse(env.TEST_SECRETS) as Record<string, string>;
const backendWith = (secret: string) =>
  createMerchantClient({ proxyUrl: PROXY, clientId: 'shop-b', secret, fetch: proxyFetch, retries: { attempts: 1 } });

describe('merchant secrets', () => {
  it('accepts the previous and the next secret in one order, so a backend can switch at any call', async () => {
    const previous = backendWith(secrets['MERCHANT_SECRET_shop-b_PREVIOUS']!);
    const next = backendWith(secrets['MERCHANT_SECRET_shop-b']!);
    const bCart = { ...cart, store: '100002' };
    const { checkout_id } = await guestCheckoutAs(bCart, SHOPS.b);

    const placed = await previous.placed('ROT-1', orderOf(checkout_id, bCart));
    expect(placed.order.status).toBe('placed');
    await next.billed('ROT-1', { payments: [card(placed.order.total)] });
    await previous.completed('ROT-1');
    const view = await settle('ROT-1', next);
    expect(view.status).toBe('completed');
    expect(view.events.map((e) => e.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('refuses a secret that is neither, and the other storefront’s secret', async () => {
    for (const secret of [`merchant-${'q'.repeat(40)}`, secrets['MERCHANT_SECRET_shop-a']!]) {
      const error = await backendWith(secret)
        .get('ROT-1')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MerchantAuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    }
  });
});

describe('the console while rotating', () => {
  const signInWith = (secret: string) =>
    proxy.fetch(`${PROXY}/console/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      redirect: 'manual',
      body: new URLSearchParams({ client_id: 'shop-b', secret }).toString(),
    });

  it('signs in with either secret, and with nothing else', async () => {
    expect((await signInWith(secrets['MERCHANT_SECRET_shop-b']!)).status).toBe(303);
    expect((await signInWith(secrets['MERCHANT_SECRET_shop-b_PREVIOUS']!)).status).toBe(303);
    expect((await signInWith(secrets['MERCHANT_SECRET_shop-a']!)).status).toBe(401);
  });
});

describe('webhook secrets', () => {
  it('signs each delivery with both secrets while rotating; either one verifies it, a third does not', async () => {
    let header: string | null = null;
    const capture = ((_url: string | URL | Request, init?: RequestInit) => {
      header = new Headers(init?.headers).get(WEBHOOK_SIGNATURE_HEADER);
      return Promise.resolve(new Response(null, { status: 204 }));
    }) as typeof fetch;
    const body = '{"id":"whevt_rot"}';
    const now = Math.floor(Date.now() / 1000);
    const target = {
      url: 'https://merchant-a.test/webhooks',
      secrets: ['next-secret-x', 'previous-secret'],
      clientId: 'a',
    };
    expect((await sendWebhook(capture, target, 'whevt_rot', body, now)).ok).toBe(true);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect((await verifyWebhook('previous-secret', header, body, now)).ok).toBe(true);
    expect((await verifyWebhook('next-secret-x', header, body, now)).ok).toBe(true);
    expect(await verifyWebhook('third-secret', header, body, now)).toEqual({ ok: false, error: 'mismatch' });
  });

  it('the demo backend, holding only the previous secret, verifies what the proxy sends', async () => {
    const res = await SHOPS.a.merchant.testWebhook();
    expect(res).toMatchObject({ delivered: true, status: 204 });
  });
});
