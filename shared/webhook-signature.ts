// The signature on the proxy's webhooks to a merchant backend, in Stripe's style:
//   Spendgo-Loyalty-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// over the exact bytes of the body, with the client's webhook secret (WEBHOOK_SECRETS). A backend
// verifies it before reading the body, refuses a timestamp more than five minutes off, and uses
// the event id (Spendgo-Loyalty-Webhook-Id, also in the body) to drop a delivery it already has:
// a webhook is delivered at least once. While a client's webhook secret is being rotated the
// proxy signs with both (`t=…,v1=<new>,v1=<old>`, as Stripe does), so a backend holding either
// secret verifies every delivery. Shared by the proxy (signs) and the merchant client
// (verifies); shared/hmac.ts computes and checks the HMAC in constant time.

import { hmacHex, hmacHexMatches } from './hmac.ts';
import { err, ok, type Result } from './result.ts';

export const WEBHOOK_SIGNATURE_HEADER = 'Spendgo-Loyalty-Webhook-Signature';
export const WEBHOOK_ID_HEADER = 'Spendgo-Loyalty-Webhook-Id';
/** Names the client whose secret signed it (the body says so too, once verified). */
export const WEBHOOK_CLIENT_HEADER = 'Spendgo-Loyalty-Client';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const signed = (timestamp: number, body: string) => `${timestamp}.${body}`;

/** The signature header over `body`: one `v1` per secret (two while rotating, the new one first). */
export async function signWebhook(
  secrets: string | readonly string[],
  body: string,
  timestamp: number,
): Promise<string> {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  const signatures = await Promise.all(list.map((secret) => hmacHex(secret, signed(timestamp, body))));
  return [`t=${timestamp}`, ...signatures.map((s) => `v1=${s}`)].join(',');
}

/** At most this many `v1` signatures in one header (a rotation needs two). */
const MAX_SIGNATURES = 4;

export type WebhookRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch';

/** Checks a webhook's signature header against its raw body; `now` in unix seconds. */
export async function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: number = Math.floor(Date.now() / 1000),
): Promise<Result<{ timestamp: number }, WebhookRefusal>> {
  if (!header) return err('missing');
  const [first, ...rest] = header.trim().split(',');
  const time = /^t=(\d{1,12})$/.exec(first ?? '');
  const signatures = rest.map((part) => /^v1=([0-9a-f]{64})$/.exec(part)?.[1]);
  if (!time || signatures.length === 0 || signatures.length > MAX_SIGNATURES || signatures.includes(undefined))
    return err('malformed');
  const timestamp = Number(time[1]);
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return err('stale');
  // Every signature is checked (each in constant time), whichever matches.
  const matches = await Promise.all(signatures.map((s) => hmacHexMatches(secret, signed(timestamp, body), s!)));
  return matches.includes(true) ? ok({ timestamp }) : err('mismatch');
}
