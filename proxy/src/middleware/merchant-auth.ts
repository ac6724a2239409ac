// Authenticates the merchant's backend on the lifecycle API: an HMAC signature over the
// timestamp, method, path and raw body with the client's merchant secret (constant-time,
// ±300 s), in the style of Stripe's webhooks. Browsers are refused outright: a widget token or
// an Origin header means the request did not come from a server (trust boundary 3).

import { createMiddleware } from 'hono/factory';
import { CLIENT_HEADER, SIGNATURE_HEADER, verifyMerchantRequest } from '../../../shared/merchant-signature';
import { nowSeconds, type ProxyEnv } from '../context';
import { fail } from '../http-errors';

export const merchantAuth = createMiddleware<ProxyEnv>(async (c, next) => {
  if (c.req.header('Authorization') !== undefined || c.req.header('Origin') !== undefined) {
    return fail(c, 'forbidden', 'The order lifecycle API is for the merchant backend only.');
  }
  const client = c.var.config.clients.get(c.req.header(CLIENT_HEADER) ?? '');
  const secret = client?.merchant_secret;
  if (!client || !secret)
    return fail(c, 'invalid_signature', `Send ${CLIENT_HEADER} with a client that has a merchant secret.`);
  const url = new URL(c.req.url);
  const body = await c.req.text();
  const check = await verifyMerchantRequest(
    secret,
    c.req.header(SIGNATURE_HEADER),
    nowSeconds(),
    c.req.method,
    url.pathname + url.search,
    body,
  );
  if (!check.ok) return fail(c, 'invalid_signature', `The ${SIGNATURE_HEADER} header is ${check.reason}.`);
  c.set('client', client);
  await next();
  return;
});
