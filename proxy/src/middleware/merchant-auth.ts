// Authenticates the merchant's backend on the lifecycle API: an HMAC signature over the
// timestamp, nonce, method, path, client id, Idempotency-Key and raw body with the client's
// merchant secret (constant-time, ±300 s; either of two while the secret is rotated), in the
// style of Stripe's webhooks, and each signature accepted once: a captured request replayed
// inside the window is refused. Browsers are refused outright: a widget token or an Origin
// header means the request did not come from a server (trust boundary 3).

import { createMiddleware } from 'hono/factory';
import {
  CLIENT_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyMerchantRequest,
} from '../../../shared/merchant-signature';
import { noteClient, type MerchantEnv } from '../context';
import { fail } from '../http-errors';
import { signatureStore } from '../durable-objects';
import { nowSeconds } from '../lib/clock';

/** Routes given this middleware see `c.var.client` as set. */
export const merchantAuth = () =>
  createMiddleware<MerchantEnv>(async (c, next) => {
    if (c.req.header('Authorization') !== undefined || c.req.header('Origin') !== undefined) {
      return fail(c, 'forbidden', 'The order lifecycle API is for the merchant backend only.');
    }
    const clientId = c.req.header(CLIENT_HEADER) ?? '';
    const client = c.var.config.clients.get(clientId);
    if (!client || client.merchant_secrets.length === 0)
      return fail(c, 'invalid_signature', `Send ${CLIENT_HEADER} with a client that has a merchant secret.`);
    const url = new URL(c.req.url);
    const now = nowSeconds();
    const request = {
      method: c.req.method,
      pathAndQuery: url.pathname + url.search,
      clientId,
      idempotencyKey: c.req.header('Idempotency-Key'),
      body: await c.req.text(),
    };
    // Each active secret is tried (each comparison constant-time): the next one, then the previous.
    let check = await verifyMerchantRequest(client.merchant_secrets[0]!, c.req.header(SIGNATURE_HEADER), now, request);
    for (const secret of client.merchant_secrets.slice(1)) {
      if (check.ok || check.error !== 'mismatch') break;
      check = await verifyMerchantRequest(secret, c.req.header(SIGNATURE_HEADER), now, request);
    }
    if (!check.ok) return fail(c, 'invalid_signature', `The ${SIGNATURE_HEADER} header is ${check.error}.`);
    // Only a valid signature is remembered, so nobody can fill the store with junk; it is kept
    // for as long as its timestamp would be accepted.
    const fresh = await signatureStore(c.env.ONE_TIME_IDS, clientId, check.value.signature).useOnce(
      check.value.signature,
      check.value.timestamp + SIGNATURE_TOLERANCE_SECONDS,
      now,
    );
    if (!fresh) return fail(c, 'signature_replayed');
    noteClient(c, client);
    c.set('client', client);
    await next();
    return;
  });
