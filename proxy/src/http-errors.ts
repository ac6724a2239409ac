// The proxy's error vocabulary: every stable code with its HTTP status, default message and
// whether a retry may help, and the one function that turns a code into a JSON response
// carrying the request's id (the request log line says the same code under the same id).

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

interface ErrorSpec {
  status: ContentfulStatusCode;
  message: string;
  retryable: boolean;
}

const spec = (status: ContentfulStatusCode, message: string, retryable = false): ErrorSpec => ({
  status,
  message,
  retryable,
});

export const ERRORS = {
  invalid_request: spec(400, 'The request is invalid.'),
  idempotency_key_required: spec(400, 'An Idempotency-Key header (1–255 visible characters) is required.'),
  unknown_client: spec(400, 'Unknown client_id.'),
  unauthorized: spec(401, 'Sign in to continue.'),
  invalid_token: spec(401, 'The access token is invalid or expired; sign in again.'),
  invalid_dpop_proof: spec(401, 'The DPoP proof is missing or invalid.'),
  use_dpop_nonce: spec(401, 'Make the DPoP proof again with the nonce in the DPoP-Nonce header.'),
  origin_not_allowed: spec(403, 'This origin is not registered for the client.'),
  store_not_allowed: spec(403, 'This store is not enabled for the client.'),
  join_not_enabled: spec(403, 'Joining the programme is not enabled for this client.'),
  invalid_phone: spec(400, 'Enter a 10-digit phone number.'),
  invalid_email: spec(400, 'Enter a valid email address.'),
  member_exists: spec(409, 'This phone number or email already has a Spendgo account; sign in to use it.'),
  forbidden: spec(403, 'This credential cannot be used here.'),
  not_found: spec(404, 'No such route.'),
  member_not_found: spec(404, 'The member was not found at Spendgo.'),
  method_not_allowed: spec(405, 'Method not allowed.'),
  payload_too_large: spec(413, 'The request body is too large.'),
  unsupported_media_type: spec(415, 'Send the body as application/json.'),
  idempotency_key_reused: spec(422, 'This Idempotency-Key was already used with a different request.'),
  checkout_not_found: spec(404, 'No checkout with this id for this client.'),
  order_not_found: spec(404, 'No such order.'),
  event_not_found: spec(404, 'No such event on this order.'),
  invalid_transition: spec(409, 'This event cannot be applied to the order in its current state.'),
  recheckout_required: spec(409, 'The cart changed since checkout; validate it again.'),
  checkout_expired: spec(409, 'The checkout has expired; validate the cart again.'),
  checkout_used: spec(409, 'This checkout is in use by another order; validate the cart again.'),
  event_conflict: spec(409, 'A different event of this type was already accepted for this order.'),
  order_id_taken: spec(409, 'Another storefront on this Spendgo account already placed an order with this id.'),
  reward_held: spec(409, "The member's reward is held for another placed, unbilled order."),
  hold_not_active: spec(409, 'Only a placed, unbilled order holds its reward.'),
  invalid_hold: spec(422, 'hold_until must be in the future, at most 30 days away, and no earlier than the hold.'),
  webhook_not_configured: spec(409, 'This client has no webhook URL.'),
  event_refused: spec(409, 'Spendgo refused this event, so it was not applied; it cannot be confirmed.'),
  not_dead_lettered: spec(409, 'Only a dead-lettered event can be re-driven.'),
  discount_too_high: spec(422, 'The discount is above the one Spendgo validated.'),
  invalid_signature: spec(401, 'The request signature is missing, malformed, stale or wrong.'),
  signature_replayed: spec(401, 'This signed request was already received; sign each request anew.'),
  cart_mismatch: spec(422, "The subtotal does not match the items' total."),
  total_mismatch: spec(422, 'The total does not add up: subtotal − reward discount + tax + tip + delivery.'),
  payments_mismatch: spec(
    422,
    'The payments do not pay for the order: at placed they must cover its total, at billed add up to it.',
  ),
  reward_amount_not_allowed: spec(
    422,
    'An amount may only be given for a Points Banking or Shop With Points reward (id P_…).',
  ),
  reward_requires_member: spec(422, 'Sign in to use a reward.'),
  store_unknown: spec(422, 'Spendgo does not know this store code.'),
  rate_limited: spec(429, 'Too many requests; try again shortly.', true),
  config_invalid: spec(500, 'The proxy is misconfigured.'),
  internal_error: spec(500, 'Something went wrong on our side.', true),
  upstream_rejected: spec(502, 'Spendgo refused the request.'),
  spendgo_refused: spec(422, 'Spendgo refused this event; it is dead-lettered with the reason.'),
  upstream_auth_failed: spec(502, "Spendgo refused the proxy's credentials."),
  upstream_bad_response: spec(502, 'Spendgo sent a response the proxy could not read.', true),
  upstream_unavailable: spec(503, 'Spendgo is not answering right now; try again shortly.', true),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** What an error answer reads of the request: its id, and the log facts it notes its code in
 * (absent only before the request log's middleware has run). */
interface RequestVars {
  var: { requestId: string; log?: { errorCode: string | null } };
}
type ErrorScope = Pick<Context, 'req' | 'header' | 'json'> & RequestVars;

/** The error body, and the code noted for the request's log line. */
export function errorBody(c: RequestVars, code: ErrorCode, message?: string) {
  const s = ERRORS[code];
  if (c.var.log) c.var.log.errorCode = code;
  return { error: { code, message: message ?? s.message, retryable: s.retryable, request_id: c.var.requestId } };
}

/** The error answer: RFC 6749's `{ error, error_description }` under /oauth/* (what OAuth
 * clients read), `{ error: { code, message, retryable } }` everywhere else. */
export function fail(c: ErrorScope, code: ErrorCode, message?: string): Response {
  if (code === 'rate_limited' || code === 'upstream_unavailable') c.header('Retry-After', '1');
  if (c.req.path.startsWith('/oauth/')) {
    c.header('Cache-Control', 'no-store');
    const { error } = errorBody(c, code, message);
    return c.json({ error: code, error_description: error.message, request_id: error.request_id }, ERRORS[code].status);
  }
  return c.json(errorBody(c, code, message), ERRORS[code].status);
}
