// The signature on the proxy's webhooks to a merchant backend, in Stripe's style:
//   Spendgo-Loyalty-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// over the exact bytes of the body, with the client's webhook secret (WEBHOOK_SECRETS). A backend
// verifies it before reading the body, refuses a timestamp more than five minutes off, and uses
// the event id (Spendgo-Loyalty-Webhook-Id, also in the body) to drop a delivery it already has:
// a webhook is delivered at least once. Shared by the proxy (signs) and the merchant client
// (verifies); shared/hmac.ts computes and checks the HMAC in constant time.

import { hmacHex, hmacHexMatches } from './hmac.ts';
import { err, ok, type Result } from './result.ts';

export const WEBHOOK_SIGNATURE_HEADER = 'Spendgo-Loyalty-Webhook-Signature';
export const WEBHOOK_ID_HEADER = 'Spendgo-Loyalty-Webhook-Id';
/** Names the client whose secret signed it (the body says so too, once verified). */
export const WEBHOOK_CLIENT_HEADER = 'Spendgo-Loyalty-Client';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const signed = (timestamp: number, body: string) => `${timestamp}.${body}`;

export async function signWebhook(secret: string, body: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, signed(timestamp, body))}`;
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
  const valid = await hmacHexMatches(secret, signed(timestamp, body), match[2]!);
  return valid ? ok({ timestamp }) : err('mismatch');
}
