// The console behind Cloudflare Access, attacked first: no assertion, one signed by another key,
// for another application or issuer, expired, unsigned or HMAC-signed, and a verified person who
// is not an operator; then as operators: one who serves two brands switches between them (and
// cannot reach a third by forging the choice), every change names them in the order's audit,
// and a confirmation opened before Access re-authenticates them still goes through after.
// Access itself cannot run here: the test configuration's stand-in serves a team key set.

import { env } from 'cloudflare:workers';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsoleBrowser } from './console-browser';
import { cart, guestCheckoutAs, merchant, MERCHANT_SECRET, orderOf, resetSandbox, settle } from './helpers';

beforeEach(resetSandbox);

const access = JSON.parse(env.CONSOLE_ACCESS) as { team_domain: string; aud: string };
const teamKey = JSON.parse(env.TEST_ACCESS_KEY) as JWK & { kid: string };

/** An Access assertion as Cloudflare signs it, with `claims` overriding the defaults. */
async function assertion(
  claims: Record<string, unknown> = {},
  options: { key?: JWK & { kid: string }; expiresAt?: number } = {},
): Promise<string> {
  const key = options.key ?? teamKey;
  const defaults = { email: 'ops@acme.test', iss: access.team_domain, aud: [access.aud], type: 'app' };
  return new SignJWT({ ...defaults, identity_nonce: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject(crypto.randomUUID())
    .setIssuedAt(typeof claims['iat'] === 'number' ? claims['iat'] : undefined)
    .setExpirationTime(options.expiresAt ?? '10m')
    .sign(await importJWK(key, 'RS256'));
}

async function operatorBrowser(claims: Record<string, unknown> = {}): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser();
  browser.always = { 'Cf-Access-Jwt-Assertion': await assertion(claims) };
  return browser;
}

async function otherKey(): Promise<JWK & { kid: string }> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  return { ...((await crypto.subtle.exportKey('jwk', pair.privateKey)) as JWK), kid: teamKey.kid };
}

const unsigned = (payload: object) =>
  `${btoa(JSON.stringify({ alg: 'none' }))}.${btoa(JSON.stringify(payload))}.`.replaceAll('=', '');

describe('the console behind Cloudflare Access', () => {
  it('refuses every assertion it cannot verify, and a verified person who is not an operator', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = [
      await assertion({}, { key: await otherKey() }),
      await assertion({ aud: ['another-application'] }),
      await assertion({ iss: 'https://evil.cloudflareaccess.com' }),
      await assertion({ iat: now - 7200 }, { expiresAt: now - 3600 }),
      unsigned({ email: 'ops@acme.test', iss: access.team_domain, aud: [access.aud], iat: now, exp: now + 600 }),
      await new SignJWT({ email: 'ops@acme.test' })
        .setProtectedHeader({ alg: 'HS256', kid: teamKey.kid })
        .setIssuer(access.team_domain)
        .setAudience(access.aud)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('a guessed shared secret of 32+ bytes')),
      'not-a-jwt',
    ];
    for (const token of forged) {
      const page = await new ConsoleBrowser().send('/console', { headers: { 'Cf-Access-Jwt-Assertion': token } });
      expect(page.status, token.slice(0, 40)).toBe(403);
      expect(page.html).toContain('could not be verified');
      expect(page.html).not.toContain('Orders</a>');
    }
    const stranger = await (await operatorBrowser({ email: 'someone@elsewhere.test' })).send('/console');
    expect(stranger.status).toBe(403);
    expect(stranger.html).toContain('not an operator');
  });

  it('lets an operator in with no cookie, named, with the first of their clients', async () => {
    const page = await (await operatorBrowser()).send('/console');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Signed in as ops@acme.test · shop-a');
    expect(page.html).toContain('href="/cdn-cgi/access/logout"');
    // Emails match whatever their case: Solo@Acme.test is configured, solo@acme.test signs in.
    const solo = await (await operatorBrowser({ email: 'solo@acme.test' })).send('/console');
    expect(solo.html).toContain('Signed in as solo@acme.test · shop-bakery');
  });

  it('switches an operator of two brands between them, and never to a client not theirs', async () => {
    const browser = await operatorBrowser();
    const csrf = await browser.csrf();
    expect((await browser.send('/console/client', { form: { client: 'shop-b', csrf } })).status).toBe(303);
    expect((await browser.send('/console')).html).toContain('Signed in as ops@acme.test · shop-b');
    const refused = await browser.send('/console/client', {
      form: { client: 'shop-bakery', csrf: await browser.csrf() },
    });
    expect(refused.status).toBe(403);
    // A hand-made choice cookie for someone else's client is ignored: back to their first client.
    browser.cookie = 'spendgo_console_client=shop-bakery';
    expect((await browser.send('/console')).html).toContain('Signed in as ops@acme.test · shop-a');
  });

  it('names the operator of each change in the order, and keeps a confirmation across re-authentication', async () => {
    const { checkout_id } = await guestCheckoutAs(cart);
    await merchant.placed('ACC-1', orderOf(checkout_id));
    await settle('ACC-1');
    const before = await operatorBrowser();
    const confirmation = await before.send('/console/orders/ACC-1/void');
    expect(confirmation.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(confirmation.html)![1]!;
    // Access signs the operator in again meanwhile: a new assertion, the same person.
    const after = await operatorBrowser({ iat: Math.floor(Date.now() / 1000) + 5 });
    const voided = await after.send('/console/orders/ACC-1/void', { form: { csrf, reason: 'customer called' } });
    expect(voided.status).toBe(303);
    const view = await settle('ACC-1');
    expect(view.status).toBe('voided');
    expect(view.audit.map((a) => [a.operator, a.action])).toEqual([['ops@acme.test', 'voided']]);
    const page = await after.send('/console/orders/ACC-1');
    expect(page.html).toContain('ops@acme.test</strong> voided the order');
  });
});

describe('the merchant-secret sign-in (local use)', () => {
  it('returns to the page that asked for it, and never to another site', async () => {
    const browser = new ConsoleBrowser();
    const asked = await browser.send('/console/orders/ACC-2/void?seq=1');
    expect(asked.location).toBe('/console/sign-in?next=%2Fconsole%2Forders%2FACC-2%2Fvoid%3Fseq%3D1');
    const form = await browser.send(asked.location!);
    expect(form.html).toContain('value="/console/orders/ACC-2/void?seq=1"');
    const back = await browser.send('/console/sign-in', {
      form: {
        client_id: 'shop-a',
        secret: MERCHANT_SECRET,
        next: '/console/orders/ACC-2/void?seq=1',
      },
    });
    expect(back.location).toBe('/console/orders/ACC-2/void?seq=1');
    for (const next of ['https://evil.example/console', '//evil.example/console', '/consolex', '/console/../oauth']) {
      const other = new ConsoleBrowser();
      const res = await other.send('/console/sign-in', {
        form: { client_id: 'shop-a', secret: MERCHANT_SECRET, next },
      });
      expect(res.location, next).toBe('/console');
    }
  });
});
