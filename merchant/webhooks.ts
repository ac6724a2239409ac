// Reading the proxy's webhooks as stripe-node's `constructEvent` does: the raw body and its
// signature header in, the typed event out, or a WebhookSignatureError saying why not. Several
// secrets may be given, so a webhook secret can be rotated with no downtime: the new one first,
// the old one until every delivery signed with it is done.

import { verifyWebhook, type WebhookRefusal } from '../shared/webhook-signature.ts';
import type { WebhookEvent } from '../shared/wire-types';

export class WebhookSignatureError extends Error {
  readonly reason: WebhookRefusal | 'not_json';
  constructor(reason: WebhookRefusal | 'not_json') {
    super(
      reason === 'not_json'
        ? 'The webhook body is not JSON.'
        : `The webhook signature is ${reason === 'missing' ? 'missing' : reason === 'stale' ? 'too old or from the future' : 'not valid'}.`,
    );
    this.name = 'WebhookSignatureError';
    this.reason = reason;
  }
}

/** The event, once `header` verifies over the raw `body` with one of `secrets`; else throws. */
export async function constructEvent(
  body: string,
  header: string | null | undefined,
  secrets: string | readonly string[],
  now?: number,
): Promise<WebhookEvent> {
  let refusal: WebhookRefusal = 'mismatch';
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const verified = await verifyWebhook(secret, header, body, now);
    if (verified.ok) {
      try {
        return JSON.parse(body) as WebhookEvent;
      } catch {
        throw new WebhookSignatureError('not_json');
      }
    }
    refusal = verified.error;
    if (refusal !== 'mismatch') break; // missing, malformed or stale: no other secret changes that
  }
  throw new WebhookSignatureError(refusal);
}

export const webhooks = { constructEvent };
