import { describe, expect, it } from 'vitest';
import { createSpendgoClient, type SpendgoClientOptions } from './client';

/** A made-up mobile API secret (base64 of 32 bytes). */
const MOBILE_SECRET = btoa('mobile-api-secret-for-tests-0123');

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  redirect: Request['redirect'];
}

type Reply = Response | 'timeout';

/** A scripted Spendgo: answers in order, records what it was sent. */
function scripted(replies: Reply[]) {
  const seen: Seen[] = [];
  const sleeps: number[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.body === null ? null : new TextDecoder().decode(await request.arrayBuffer());
    seen.push({ url: request.url, method: request.method, headers: request.headers, body, redirect: request.redirect });
    const next = replies.shift();
    if (!next) throw new Error('no scripted reply left');
    if (next === 'timeout') throw new DOMException('The operation timed out.', 'TimeoutError');
    return next;
  }) as typeof globalThis.fetch;
  const options: SpendgoClientOptions = {
    apiBase: 'https://webservice.skuped.com',
    idBase: 'https://my.skuped.com',
    memberBase: 'https://webservice.skuped.com',
    apiKey: 'test_spendgo_loyalty',
    apiSecret: 'mryE0wJypyvOrRpVTNmkwgVs37+IcNCCynyDgojTgew=',
    oauthClientId: 'cid',
    oauthClientSecret: 'csecret',
    mobile: { apiKey: 'test_spendgo_mob', apiSecret: MOBILE_SECRET, webContext: 'partnerdemo' },
    signQuery: true,
    timeoutMs: 1000,
    fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  };
  return { seen, sleeps, options };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const balance = { quantity: 40, units: 'points', spend_threshold: 50, label: '$5 Off', rewards: [] };

describe('a redirecting upstream', () => {
  it('is never followed: the signed call is not sent on to the Location, and fails', async () => {
    const moved = new Response(null, { status: 302, headers: { Location: 'https://attacker.example/collect' } });
    const { seen, options } = scripted([moved]);
    const result = await createSpendgoClient(options).balance('1009029');
    expect(result.ok).toBe(false);
    expect(seen.map((s) => s.url)).toEqual(['https://webservice.skuped.com/loyalty/accounts/1009029/balance']);
    expect(seen[0]!.redirect).toBe('manual');
  });

  it('nor for the code exchange (the OAuth client secret and the code)', async () => {
    const moved = new Response(null, { status: 307, headers: { Location: 'https://attacker.example/token' } });
    const { seen, options } = scripted([moved]);
    expect((await createSpendgoClient(options).exchangeCode('code-1', 'https://proxy/cb')).ok).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.redirect).toBe('manual');
  });
});

describe('signing on the wire', () => {
  it('signs path + query with the known-answer signature and sends the documented headers', async () => {
    const { seen, options } = scripted([json(200, { rewards: [] })]);
    await createSpendgoClient(options).rewards('1009029', '999999');
    const sent = seen[0]!;
    expect(sent.url).toBe('https://webservice.skuped.com/loyalty/accounts/1009029/rewards?store=999999');
    expect(sent.headers.get('X-Class-Key')).toBe('test_spendgo_loyalty');
    expect(sent.headers.get('X-Class-Signature')).toBe('IIT0dIb3ZlszsY8RM+K8bxc7FN5OW6ZtWhbBAmyQP+0=');
    expect(sent.headers.get('Content-Type')).toBe('application/json');
  });

  it('signs the path alone when SPENDGO_SIGN_QUERY is off', async () => {
    const { seen, options } = scripted([json(200, { rewards: [] })]);
    await createSpendgoClient({ ...options, signQuery: false }).rewards('1009029', '999999');
    expect(seen[0]!.headers.get('X-Class-Signature')).toBe('IxvghmMF81UPUpQTGpSBpLDV8Uhq+v8IgGhPMoALkFE=');
  });

  it('signs exactly the body bytes it sends', async () => {
    const { seen, options } = scripted([json(200, { transaction: { status: 'checkout', discount: 0 } })]);
    const body = {
      status: 'checkout',
      vendor: '999999',
      brand: '33559',
      source: 'web',
      subtotal: 10,
      total: 10,
      basket: { posEntries: [{ posItem: { label: 'Turkey Sandwich', cost: 5 }, quantity: 2 }] },
    };
    await createSpendgoClient(options).order('guest', 'checkout', body);
    expect(seen[0]!.body).toBe(JSON.stringify(body));
    expect(seen[0]!.headers.get('X-Class-Signature')).toBe('C4W4TrtGSftiWgqlrbB6cqKb/FvkQ/xq0bLyIC69OM8=');
  });

  it('sends the OAuth code exchange form-encoded, without signature headers', async () => {
    const { seen, options } = scripted([json(200, { access_token: 'abc' })]);
    const result = await createSpendgoClient(options).exchangeCode('the-code', 'https://proxy/cb');
    expect(result).toEqual({ ok: true, value: 'abc' });
    expect(seen[0]!.url).toBe('https://my.skuped.com/oauth2/v1/token');
    expect(seen[0]!.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.headers.has('X-Class-Signature')).toBe(false);
    expect(new URLSearchParams(seen[0]!.body!).get('client_secret')).toBe('csecret');
  });
});

describe('the member calls of join at checkout', () => {
  const hmac = async (message: string, secret: string) => {
    const raw = Uint8Array.from(atob(secret), (ch) => ch.charCodeAt(0));
    const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
    return btoa(String.fromCharCode(...mac));
  };

  it('looks up on the identity host under the web context, signed with the mobile key over the path and body', async () => {
    const { seen, options } = scripted([json(200, { status: 'NotFound', linked_to_account: false })]);
    const result = await createSpendgoClient(options).lookupMember({ phone: '9999999999' });
    expect(result).toEqual({ ok: true, value: { status: 'NotFound', linked: false } });
    const sent = seen[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('https://my.skuped.com/mobile/gen/partnerdemo/v1/lookup');
    expect(sent.body).toBe('{"phone":"9999999999"}');
    expect(sent.headers.get('X-Class-Key')).toBe('test_spendgo_mob');
    expect(sent.headers.get('X-Class-Signature')).toBe(
      await hmac('/mobile/gen/partnerdemo/v1/lookup{"phone":"9999999999"}', MOBILE_SECRET),
    );
  });

  it('refuses to look up without mobile credentials, sending nothing', async () => {
    const { seen, options } = scripted([]);
    const result = await createSpendgoClient({ ...options, mobile: null }).lookupMember({ phone: '9999999999' });
    expect(result).toEqual({ ok: false, error: { kind: 'credentials' } });
    expect(seen).toHaveLength(0);
  });

  it('creates with the loyalty key: 201 is created, 200 found, and a 5xx is not retried', async () => {
    const customer = { phone: '4155550100', sms_opt_in: false, email_opt_in: false };
    const { seen, options } = scripted([json(201, { id: '6522', status: 'Active' }), json(200, { id: '6522' })]);
    const client = createSpendgoClient(options);
    expect(await client.createMember(customer)).toEqual({ ok: true, value: { id: '6522', created: true } });
    expect(await client.createMember(customer)).toEqual({ ok: true, value: { id: '6522', created: false } });
    expect(seen[0]!.url).toBe('https://webservice.skuped.com/loyalty/accounts');
    expect(seen[0]!.headers.get('X-Class-Key')).toBe('test_spendgo_loyalty');
    expect(seen[0]!.body).toBe(JSON.stringify({ customer }));

    const failing = scripted([json(503, { code: 503 }), json(201, { id: '1' })]);
    const once = await createSpendgoClient(failing.options).createMember(customer);
    expect(once.ok).toBe(false);
    expect(failing.seen).toHaveLength(1);
  });

  it('reads a 202 (waiting for email verification, never asked for) as a bad answer', async () => {
    const { options } = scripted([json(202, { status: 'WaitingEmailVerification' })]);
    const result = await createSpendgoClient(options).createMember({
      phone: '4155550100',
      sms_opt_in: false,
      email_opt_in: false,
    });
    expect(result).toEqual({ ok: false, error: { kind: 'bad_response' } });
  });
});

describe('retries', () => {
  it.each([
    ['a 503', json(503, {})],
    ['a 429', json(429, {})],
    ['a timeout', 'timeout' as const],
  ])('retries a GET after %s, with backoff', async (_, failure) => {
    const { seen, sleeps, options } = scripted([failure, json(200, balance)]);
    const result = await createSpendgoClient(options).balance('1009029');
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('retries checkout (a validation) but never placed, billed, completed, voided or refunded', async () => {
    const checkout = scripted([json(500, {}), json(200, { transaction: { status: 'checkout', discount: 5 } })]);
    expect((await createSpendgoClient(checkout.options).order('1', 'checkout', {})).ok).toBe(true);
    for (const status of ['placed', 'billed', 'completed', 'voided', 'refunded'] as const) {
      const s = scripted([json(500, {}), json(200, { transaction: { status } })]);
      const result = await createSpendgoClient(s.options).order('1', status, {});
      expect(result).toEqual({ ok: false, error: { kind: 'unavailable', status: 500 } });
      expect(s.seen).toHaveLength(1);
    }
  });

  it('gives up after three attempts', async () => {
    const { seen, options } = scripted([json(502, {}), 'timeout', json(504, {})]);
    const result = await createSpendgoClient(options).balance('1009029');
    expect(result).toEqual({ ok: false, error: { kind: 'unavailable', status: 504 } });
    expect(seen).toHaveLength(3);
  });

  it('honours Retry-After, capped at two seconds', async () => {
    const { sleeps, options } = scripted([
      json(429, {}, { 'Retry-After': '1' }),
      json(429, {}, { 'Retry-After': '60' }),
      json(200, balance),
    ]);
    await createSpendgoClient(options).balance('1009029');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('does not retry a 4xx', async () => {
    const { seen, options } = scripted([json(400, { code: 4003, details: 'Invalid user account id: 9' })]);
    expect(await createSpendgoClient(options).balance('9')).toEqual({ ok: false, error: { kind: 'member_not_found' } });
    expect(seen).toHaveLength(1);
  });
});

describe('failures', () => {
  it.each([
    [json(401, { code: 1004, details: 'bad sig' }), { kind: 'credentials' }],
    [json(401, { code: 1003 }), { kind: 'credentials' }],
    [json(401, { code: 1011 }), { kind: 'token_invalid' }],
    [json(401, { code: 1010 }), { kind: 'token_invalid' }],
    [json(400, { code: 4002, details: 'Invalid store id: None' }), { kind: 'store_unknown' }],
    [json(404, { code: 2000 }), { kind: 'member_not_found' }],
    [
      json(400, { code: 400, details: 'Reward could not be applied.' }),
      { kind: 'rejected', status: 400, code: 400, details: 'Reward could not be applied.' },
    ],
    [new Response('<html>oops</html>', { status: 200 }), { kind: 'bad_response' }],
    [json(200, { unexpected: true }), { kind: 'bad_response' }],
  ])('maps %# to a failure kind', async (reply, error) => {
    const { options } = scripted([reply]);
    expect(await createSpendgoClient(options).balance('1')).toEqual({ ok: false, error });
  });

  it('treats a refused code exchange as an invalid token', async () => {
    const { options } = scripted([json(400, { code: 2000, details: 'Invalid or expired authorization code' })]);
    expect(await createSpendgoClient(options).exchangeCode('x', 'y')).toEqual({
      ok: false,
      error: { kind: 'token_invalid' },
    });
  });
});
