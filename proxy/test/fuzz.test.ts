// Property-based fuzzing of every route's input (1,000 cases each): hostile bodies, headers,
// queries and forms are all answered with a 4xx (never a 5xx), and none reaches Spendgo.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkoutRequestSchema } from '../../shared/wire';
import { CLIENT_ID, ORIGIN, proxy, PROXY, REDIRECT, resetSandbox, upstreamCalls } from './helpers';

const RUNS = 1000;

beforeAll(resetSandbox);

async function assertNoUpstream(run: () => Promise<void>): Promise<void> {
  const before = (await upstreamCalls()).length;
  await run();
  expect((await upstreamCalls()).length).toBe(before);
}

const is4xx = (status: number) => status >= 400 && status < 500;
const header = fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
const jsonValue = fc.jsonValue({ maxDepth: 4 });

/** A valid cart with one field replaced by something else; kept only if the schema refuses it. */
const brokenCart = fc
  .record({
    field: fc.constantFrom(
      'store',
      'items',
      'subtotal',
      'tax',
      'reward',
      'source',
      'client_id',
      'extra',
      'items.0.quantity',
      'items.0.unit_cost',
      'items.0.label',
    ),
    value: jsonValue,
  })
  .map(({ field, value }) => {
    const cart: Record<string, unknown> = {
      client_id: CLIENT_ID,
      store: '999999',
      items: [{ label: 'Salad', unit_cost: 12, quantity: 1 }],
      subtotal: 12,
    };
    const [head, , leaf] = field.split('.');
    if (leaf) (cart['items'] as Record<string, unknown>[])[0]![leaf] = value;
    else cart[head!] = value;
    return cart;
  })
  .filter((cart) => !checkoutRequestSchema.safeParse(cart).success);

describe('fuzzing', () => {
  it('POST /v1/checkout: malformed carts, bodies and headers', async () => {
    await assertNoUpstream(() =>
      fc.assert(
        fc.asyncProperty(
          fc.oneof(
            brokenCart.map((b) => JSON.stringify(b)),
            jsonValue
              .map((v) => JSON.stringify(v))
              .filter((t) => !checkoutRequestSchema.safeParse(JSON.parse(t)).success),
            fc.string({ maxLength: 500 }),
          ),
          fc.option(header),
          fc.option(header),
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
          async (body, idempotencyKey, authorization, contentType) => {
            const headers: Record<string, string> = { Origin: ORIGIN };
            if (contentType) headers['Content-Type'] = contentType;
            if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;
            if (authorization !== null) headers['Authorization'] = authorization;
            const res = await proxy.fetch(`${PROXY}/v1/checkout`, { method: 'POST', headers, body });
            expect(is4xx(res.status), `${res.status} for ${body}`).toBe(true);
          },
        ),
        { numRuns: RUNS },
      ),
    );
  });

  it.each(['/v1/balance', '/v1/rewards', '/oauth/userinfo'])(
    'GET %s: forged tokens, proofs and queries',
    async (path) => {
      await assertNoUpstream(() =>
        fc.assert(
          fc.asyncProperty(
            fc.option(
              fc.oneof(
                header,
                header.map((h) => `DPoP ${h}`),
                header.map((h) => `Bearer ${h}`),
              ),
            ),
            fc.option(header),
            fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 50 }), { maxKeys: 4 }),
            async (authorization, dpop, query) => {
              const headers: Record<string, string> = { Origin: ORIGIN };
              if (authorization !== null) headers['Authorization'] = authorization;
              if (dpop !== null) headers['DPoP'] = dpop;
              const res = await proxy.fetch(`${PROXY}${path}?${new URLSearchParams(query).toString()}`, { headers });
              expect(is4xx(res.status), `${res.status}`).toBe(true);
            },
          ),
          { numRuns: RUNS },
        ),
      );
    },
  );

  const formValue = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom('authorization_code', 'refresh_token', CLIENT_ID, REDIRECT),
  );
  const formFields = fc.dictionary(
    fc.constantFrom('grant_type', 'client_id', 'code', 'redirect_uri', 'code_verifier', 'refresh_token', 'token', 'x'),
    formValue,
    { maxKeys: 7 },
  );

  it('POST /oauth/token: arbitrary forms and proofs', async () => {
    await assertNoUpstream(() =>
      fc.assert(
        fc.asyncProperty(formFields, fc.option(header), async (form, dpop) => {
          const headers: Record<string, string> = {
            'Content-Type': 'application/x-www-form-urlencoded',
            Origin: ORIGIN,
          };
          if (dpop !== null) headers['DPoP'] = dpop;
          const res = await proxy.fetch(`${PROXY}/oauth/token`, {
            method: 'POST',
            headers,
            body: new URLSearchParams(form),
          });
          expect(is4xx(res.status), `${res.status} for ${JSON.stringify(form)}`).toBe(true);
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it('POST /oauth/revoke: arbitrary forms never fail the server', async () => {
    await assertNoUpstream(() =>
      fc.assert(
        fc.asyncProperty(formFields, async (form) => {
          const res = await proxy.fetch(`${PROXY}/oauth/revoke`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
            body: new URLSearchParams(form),
          });
          // RFC 7009: a well-formed request for an unknown token is answered 200.
          const wellFormed = typeof form['token'] === 'string' && form['client_id'] === CLIENT_ID;
          expect(wellFormed ? res.status === 200 : is4xx(res.status), `${res.status}`).toBe(true);
        }),
        { numRuns: RUNS },
      ),
    );
  });

  const queryFields = fc.dictionary(
    fc.constantFrom(
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
      'nonce',
      'dpop_jkt',
      'code',
      'error',
    ),
    fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.constantFrom(CLIENT_ID, REDIRECT, 'https://evil.test/cb', 'code', 'openid', 'S256'),
    ),
    { maxKeys: 9 },
  );

  it('GET /oauth/authorize: arbitrary queries get an error page or an error redirect to a registered URI', async () => {
    await assertNoUpstream(() =>
      fc.assert(
        fc.asyncProperty(queryFields, async (query) => {
          const res = await proxy.fetch(`${PROXY}/oauth/authorize?${new URLSearchParams(query).toString()}`, {
            redirect: 'manual',
          });
          if (res.status === 302) {
            const to = new URL(res.headers.get('Location')!);
            const toSpendgo = to.origin === 'http://spendgo.test';
            expect(toSpendgo || (to.origin + to.pathname === REDIRECT && to.searchParams.has('error'))).toBe(true);
          } else {
            expect(res.status).toBe(400);
          }
        }),
        { numRuns: RUNS },
      ),
    );
  });

  it('GET /oauth/callback: forged states and codes', async () => {
    await assertNoUpstream(() =>
      fc.assert(
        fc.asyncProperty(queryFields, async (query) => {
          const res = await proxy.fetch(`${PROXY}/oauth/callback?${new URLSearchParams(query).toString()}`, {
            redirect: 'manual',
          });
          expect(res.status).toBe(400);
        }),
        { numRuns: RUNS },
      ),
    );
  });
});
