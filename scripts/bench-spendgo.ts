// The direct path the benches compare the proxy with: Spendgo calls signed as the proxy signs
// them (base64 HMAC-SHA256 of path and body with the account's secret), made straight to the
// sandbox with the local settings (.dev.vars). Loopback only.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SANDBOX } from './bench-member.ts';
import { root } from './setup.ts';

export interface DirectSpendgo {
  /** Spendgo's account id: `brand` on order calls. */
  accountId: string;
  /** The headers that sign a call to `path` with `body`. */
  headers: (path: string, body?: string) => Record<string, string>;
  /** Makes the signed call and reads its answer; throws unless it is a 2xx. */
  call: (method: 'GET' | 'POST', path: string, body?: string) => Promise<unknown>;
}

export function directSpendgo(): DirectSpendgo {
  const settings = readFileSync(resolve(root, '.dev.vars'), 'utf8');
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(settings)![1]!;
  const apiKey = setting('SPENDGO_API_KEY');
  const apiSecret = Buffer.from(setting('SPENDGO_API_SECRET'), 'base64');
  const headers = (path: string, body = '') => ({
    'X-Class-Key': apiKey,
    'X-Class-Signature': createHmac('sha256', apiSecret)
      .update(path + body)
      .digest('base64'),
    'Content-Type': 'application/json',
  });
  return {
    accountId: setting('SPENDGO_ACCOUNT_ID'),
    headers,
    call: async (method, path, body) => {
      const res = await fetch(`${SANDBOX}${path}`, { method, headers: headers(path, body), ...(body && { body }) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text === '' ? null : (JSON.parse(text) as unknown);
    },
  };
}
