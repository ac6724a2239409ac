// The certification report's evidence keeps no secret, however a request carries it: a JSON body,
// URLSearchParams, or a form body already written as a string (the token request's).
// Run by `npm test` with Node's test runner.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Recorder, redact } from './evidence.ts';

const SECRET = 'client-secret-abcdef123456';
let base = '';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ access_token: 'at-0123456789', ok: true }));
  });
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

void test('a form body sent as a string has its secret fields and values redacted', async () => {
  const recorder = new Recorder([SECRET]);
  await recorder.fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=authorization_code&code=the-code-42&code_verifier=verifier-xyz-123&client_secret=${SECRET}&note=${SECRET}`,
  });
  const [exchange] = recorder.take();
  const text = JSON.stringify(exchange);
  for (const leaked of ['the-code-42', 'verifier-xyz-123', SECRET, 'at-0123456789'])
    assert.ok(!text.includes(leaked), leaked);
  assert.deepEqual(exchange?.request, {
    grant_type: 'authorization_code',
    code: '[redacted]',
    code_verifier: '[redacted]',
    client_secret: '[redacted]',
    note: '[redacted]',
  });
});

void test('URLSearchParams and JSON bodies are redacted as before', async () => {
  const recorder = new Recorder([SECRET]);
  await recorder.fetch(`${base}/a`, { method: 'POST', body: new URLSearchParams({ refresh_token: 'rt-987654321' }) });
  await recorder.fetch(`${base}/b`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: 'pw-1234567', id: 7 }),
  });
  const text = JSON.stringify(recorder.take());
  assert.ok(!text.includes('rt-987654321') && !text.includes('pw-1234567'));
  assert.deepEqual(redact({ nested: [{ id_token: 'x' }] }, []), { nested: [{ id_token: '[redacted]' }] });
});
