// The proxy's served /openapi.json, generated from its route declarations, checked against the
// OpenAPI 3.1 specification's own schema by a maintained validator (it reads the schema from
// disk, so this runs in Node against the running proxy rather than inside workerd).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';

const PROXY = `http://127.0.0.1:${process.env['PROXY_PORT'] ?? 8787}`;

interface Operation {
  requestBody?: { content: Record<string, { schema: { properties?: object } }> };
  responses: Record<string, { description: string }>;
}

describe('the proxy’s OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${PROXY}/openapi.json`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as { openapi: string };
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
  });

  it('lists each route’s refusals with the codes it may answer', async () => {
    const doc = (await (await fetch(`${PROXY}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    // Every route, at the full path its part is mounted under (/oauth, /v1, /v1/orders).
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(operations.sort(), [
      'GET /.well-known/openid-configuration',
      'GET /oauth/authorize',
      'GET /oauth/callback',
      'GET /oauth/jwks',
      'GET /oauth/userinfo',
      'GET /v1/balance',
      'GET /v1/orders',
      'GET /v1/orders/{order_id}',
      'GET /v1/rewards',
      'POST /oauth/revoke',
      'POST /oauth/token',
      'POST /v1/checkout',
      'POST /v1/join',
      'POST /v1/orders/{order_id}/events',
      'POST /v1/orders/{order_id}/events/{seq}/confirm',
      'POST /v1/orders/{order_id}/events/{seq}/redrive',
      'POST /v1/orders/{order_id}/hold',
      'POST /v1/webhooks/test',
    ]);
    const events = doc.paths['/v1/orders/{order_id}/events']?.['post'];
    assert.ok(events);
    assert.match(events.responses['409']?.description ?? '', /invalid_transition/);
    assert.match(events.responses['422']?.description ?? '', /discount_too_high/);
    assert.match(events.responses['409']?.description ?? '', /reward_held/);
    const hold = doc.paths['/v1/orders/{order_id}/hold']?.['post'];
    assert.match(hold?.responses['409']?.description ?? '', /hold_not_active/);
    const checkout = doc.paths['/v1/checkout']?.['post'];
    assert.ok(checkout?.requestBody?.content['application/json']);
  });
});
