// Posts one signed webhook body to a merchant backend's URL and says how it went: a 2xx is
// delivered; anything else, a timeout or a network error is a failure to retry. The merchant's
// answer body is never read or kept (only its status), and the URL comes from configuration,
// never from a request.

import {
  signWebhook,
  WEBHOOK_CLIENT_HEADER,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../../shared/webhook-signature';
import type { WebhookAttempt } from './webhook-outbox';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookTarget {
  url: string;
  /** One, or two while the secret is rotated: the webhook carries a signature by each. */
  secrets: readonly string[];
  clientId: string;
}

export async function sendWebhook(
  fetcher: typeof fetch,
  target: WebhookTarget,
  id: string,
  body: string,
  nowSeconds: number,
): Promise<WebhookAttempt & { status: number | null }> {
  try {
    const res = await fetcher(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'spendgo-loyalty-webhooks/1',
        [WEBHOOK_ID_HEADER]: id,
        [WEBHOOK_CLIENT_HEADER]: target.clientId,
        [WEBHOOK_SIGNATURE_HEADER]: await signWebhook(target.secrets, body, nowSeconds),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, error: `the webhook URL answered HTTP ${res.status}` };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      ok: false,
      status: null,
      error: timedOut
        ? `the webhook URL did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : 'the webhook URL could not be reached',
    };
  }
}
