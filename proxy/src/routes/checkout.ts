// POST /v1/checkout: validates the cart and at most one reward with Spendgo for a member
// (DPoP token) or a guest (client_id), once per Idempotency-Key. Only validation: it changes
// nothing at Spendgo. The answer is stored by the CheckoutRecord Durable Object.

import { createRoute } from '@hono/zod-openapi';
import { checkoutRequestSchema, checkoutResponseSchema } from '../../../shared/wire';
import { cartFingerprint, subtotalMatches } from '../checkout/cart';
import { originAllowed, storeAllowed } from '../clients';
import { noteClient } from '../context';
import { checkoutRecord } from '../durable-objects';
import type { WidgetClient } from '../env';
import { fail } from '../http-errors';
import { authenticateMember } from '../middleware/member-auth';
import { rateLimit, withinLimit } from '../middleware/rate-limit';
import { checkoutFailureResponse } from '../refusal-responses';
import { canonicalJson } from '../lib/canonical-json';
import { answers, idempotencyHeaders, jsonContent, memberSecurity, routes } from '../openapi';
import { nowSeconds } from '../lib/clock';
import { sha256 } from '../lib/crypto';

export const checkout = routes();

const checkoutRoute = createRoute({
  method: 'post',
  path: '/checkout',
  summary:
    'Validate a cart and at most one reward with Spendgo (changes nothing); members send a token, guests send client_id',
  security: [...memberSecurity, {}],
  middleware: [rateLimit('CHECKOUT_RATE_LIMITER', 'checkout')] as const,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: jsonContent(checkoutRequestSchema) },
  },
  responses: answers(
    {
      200: {
        description: 'The validated discount, or Spendgo’s customer-facing message',
        content: jsonContent(checkoutResponseSchema),
      },
    },
    'invalid_request',
    'idempotency_key_required',
    'unknown_client',
    'invalid_token',
    'invalid_dpop_proof',
    'use_dpop_nonce',
    'origin_not_allowed',
    'store_not_allowed',
    'unsupported_media_type',
    'cart_mismatch',
    'reward_requires_member',
    'reward_amount_not_allowed',
    'idempotency_key_reused',
    'rate_limited',
    'upstream_unavailable',
  ),
});

checkout.openapi(checkoutRoute, async (c) => {
  const idempotencyKey = c.req.valid('header')['idempotency-key'];
  const input = c.req.valid('json');

  let memberId: string | null = null;
  let client: WidgetClient;
  if (c.req.header('Authorization') !== undefined) {
    const auth = await authenticateMember(c);
    if (!auth.ok) return auth.error;
    if (input.client_id !== undefined && input.client_id !== auth.value.claims.clientId) {
      return fail(c, 'invalid_request', "client_id does not match the access token's client.");
    }
    memberId = auth.value.claims.memberId;
    client = auth.value.client;
  } else {
    const guestClient = input.client_id === undefined ? undefined : c.var.config.clients.get(input.client_id);
    if (!guestClient)
      return fail(
        c,
        'unknown_client',
        input.client_id === undefined
          ? "A guest's checkout must name the widget's client_id."
          : `No client "${input.client_id}" in the proxy's WIDGET_CLIENTS: check the widget's client-id.`,
      );
    if (!originAllowed(guestClient, c.req.header('Origin'))) return fail(c, 'origin_not_allowed');
    // No origin vouches for an app's guest, so each app's guests have a tighter bucket per IP too.
    if (
      guestClient.type === 'native' &&
      !(await withinLimit(c, 'APP_GUEST_RATE_LIMITER', `app-guest:${guestClient.client_id}`))
    )
      return fail(c, 'rate_limited');
    noteClient(c, guestClient);
    client = guestClient;
  }
  if (!storeAllowed(client, input.store)) return fail(c, 'store_not_allowed');
  if (!subtotalMatches(input)) return fail(c, 'cart_mismatch');
  if (input.reward && memberId === null) return fail(c, 'reward_requires_member');
  // Only Points Banking and Shop With Points let a member use part of a reward (docs/spendgo-api.md §5.6).
  if (input.reward?.amount !== undefined && !input.reward.id.startsWith('P_'))
    return fail(c, 'reward_amount_not_allowed');

  const { reward, client_id, ...cart } = input;
  const subject = memberId ?? 'guest';
  const stub = checkoutRecord(c.env.CHECKOUTS, client.client_id, subject, await sha256(idempotencyKey));
  const result = await stub.checkout({
    requestHash: await sha256(canonicalJson({ input, subject })),
    clientId: client.client_id,
    account: client.account,
    memberId,
    cart,
    reward: reward ? { id: reward.id, amount: reward.amount } : null,
    cartFingerprint: await cartFingerprint(cart),
    currency: client.currency,
    now: nowSeconds(),
  });
  // The Spendgo calls were made inside the Durable Object: the request log counts them here.
  c.var.log.upstreamAttempts += result.upstreamAttempts;
  if (!result.ok) return checkoutFailureResponse(c, result.error);
  c.header('Cache-Control', 'no-store');
  return c.json(result.value, 200);
});
