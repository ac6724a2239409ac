// The signature on the proxy's webhooks to a merchant backend, in Stripe's style:
//   Spendgo-Loyalty-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// over the exact bytes of the body, with the client's webhook secret (WEBHOOK_SECRETS). A backend
// verifies it before reading the body, refuses a timestamp more than five minutes off, and uses
// the event id (Spendgo-Loyalty-Webhook-Id, also in the body) to drop a delivery it already has:
// a webhook is delivered at least once. Shared by the proxy (signs) and the merchant client
// (verifies). Web Crypto only; verification is constant-time.

import { err, ok, type Result } from './result.ts';

export const WEBHOOK_SIGNATURE_HEADER = 'Spendgo-Loyalty-Webhook-Signature';
export const WEBHOOK_ID_HEADER = 'Spendgo-Loyalty-Webhook-Id';
/** Names the client whose secret signed it (the body says so too, once verified). */
export const WEBHOOK_CLIENT_HEADER = 'Spendgo-Loyalty-Client';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

function key(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const signed = (timestamp: number, body: string) => new Uint8Array(encoder.encode(`${timestamp}.${body}`));

export async function signWebhook(secret: string, body: string, timestamp: number): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret, 'sign'), signed(timestamp, body)));
  return `t=${timestamp},v1=${hex(mac)}`;
}

export type WebhookRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch';

/** Checks a webhook's signature header against its raw body; `now` in unix seconds. */
export async function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: number = Math.floor(Date.now() / 1000),
): Promise<Result<{ timestamp: number }, WebhookRefusal>> {
  if (!header) return err('missing');
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return err('malformed');
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return err('stale');
  const given = new Uint8Array(match[2]!.match(/../g)!.map((h) => parseInt(h, 16)));
  const valid = await crypto.subtle.verify('HMAC', await key(secret, 'verify'), given, signed(timestamp, body));
  return valid ? ok({ timestamp }) : err('mismatch');
}
