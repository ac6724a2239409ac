// The canary itself must be able to fail: a planted secret in a log line or response is caught.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { assertNoSecret, assertResponseClean, capturedLogs } from './canary';
import { proxy, PROXY } from './helpers';

describe('the canary check', () => {
  const secret = (JSON.parse(env.TEST_SECRETS) as Record<string, string>)['SPENDGO_API_SECRET']!;

  it('catches a secret in text', () => {
    expect(() => {
      assertNoSecret(`request failed with key ${secret}`, 'a planted log');
    }).toThrow(/leaked/);
    expect(() => {
      assertNoSecret('nothing to see', 'a clean log');
    }).not.toThrow();
  });

  it('catches a secret in a response header or body', async () => {
    await expect(
      assertResponseClean(new Response('ok', { headers: { 'X-Debug': secret } }), 'planted header'),
    ).rejects.toThrow(/leaked/);
    await expect(assertResponseClean(new Response(`{"k":"${secret}"}`), 'planted body')).rejects.toThrow(/leaked/);
  });

  it('sees the Worker’s own log lines (so the suite-wide log check is real)', async () => {
    const before = capturedLogs().length;
    await proxy.fetch(`${PROXY}/v1/balance`);
    expect(
      capturedLogs()
        .slice(before)
        .some((line) => line.includes('"msg":"request"') && line.includes('/v1/balance')),
    ).toBe(true);
  });
});
