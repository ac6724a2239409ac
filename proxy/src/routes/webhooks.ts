// POST /v1/webhooks/test, signed by the merchant backend: sends a signed `webhook.test` event to
// the client's registered webhook URL now and answers how that URL answered, so a backend can
// check its endpoint and its verification before real events arrive. Stores nothing.

import { createRoute } from '@hono/zod-openapi';
import { webhookTestResultSchema, type WebhookTestResult } from '../../../shared/wire';
import type { MerchantEnv } from '../context';
import { fail } from '../http-errors';
import { answers, jsonContent, merchantSecurity, routes } from '../openapi';
import { platformPorts } from '../ports';
import { newWebhookId, webhookEvent } from '../webhooks/payload';
import { sendWebhook } from '../webhooks/send';

/** Mounted behind merchantAuth (apps/merchant-api.ts), which establishes `c.var.client`. */
export const webhooks = routes<MerchantEnv>();

const testRoute = createRoute({
  method: 'post',
  path: '/test',
  summary:
    'Merchant backend: send a signed webhook.test event to the client’s webhook URL now, and see how it answered',
  security: merchantSecurity,
  responses: answers(
    { 200: { description: 'How the webhook URL answered', content: jsonContent(webhookTestResultSchema) } },
    'invalid_signature',
    'signature_replayed',
    'forbidden',
    'webhook_not_configured',
  ),
});

webhooks.openapi(testRoute, async (c) => {
  const client = c.var.client;
  c.header('Cache-Control', 'no-store');
  if (client.webhook_url === undefined || client.webhook_secrets.length === 0)
    return fail(c, 'webhook_not_configured', 'This client has no webhook_url (WIDGET_CLIENTS).');
  const ports = platformPorts(c.env);
  const id = newWebhookId();
  const body = JSON.stringify(webhookEvent(id, 'webhook.test', client.client_id, ports.nowMs(), null, null));
  const target = { url: client.webhook_url, secrets: client.webhook_secrets, clientId: client.client_id };
  const sent = await sendWebhook(ports.webhookFetch, target, id, body, Math.floor(ports.nowMs() / 1000));
  const result: WebhookTestResult = {
    delivered: sent.ok,
    url: client.webhook_url,
    status: sent.status,
    error: sent.ok ? null : sent.error,
  };
  return c.json(result, 200);
});
