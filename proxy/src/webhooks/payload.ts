// The body of one webhook: a fresh id (stable across its retries once stored), its type, and the
// order and event as they stand when it is written. Pure but for the id, which comes in.

import type { OrderEventView, OrderView, WebhookEvent, WebhookType } from '../../../shared/wire';

export function webhookEvent(
  id: string,
  type: WebhookType,
  clientId: string,
  nowMs: number,
  order: OrderView | null,
  event: OrderEventView | null,
): WebhookEvent {
  return { id, type, created_at: new Date(nowMs).toISOString(), client_id: clientId, data: { order, event } };
}

/** `whevt_` and 24 random hex digits. */
export function newWebhookId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `whevt_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
