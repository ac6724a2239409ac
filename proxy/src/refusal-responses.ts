// Where the domain's answers become HTTP: each refusal code, each checkout failure and each
// Spendgo failure mapped to the proxy's error vocabulary (http-errors.ts) in exhaustive tables,
// so a new refusal cannot reach a client unmapped. Spendgo's own text never passes through.

import type { RequestScope } from './context';
import type { CheckoutFailure } from './checkout/checkout-record';
import { ERRORS, errorBody, fail, type ErrorCode } from './http-errors';
import type { LedgerRefusal } from './order-ledger/admission';
import type { RefusalCode } from './refusal';
import type { SpendgoFailure } from './spendgo/client';

const REFUSAL_ERRORS = {
  checkout_not_found: 'checkout_not_found',
  checkout_expired: 'checkout_expired',
  checkout_used: 'checkout_used',
  cart_mismatch: 'cart_mismatch',
  recheckout_required: 'recheckout_required',
  discount_too_high: 'discount_too_high',
  total_mismatch: 'total_mismatch',
  payments_mismatch: 'payments_mismatch',
  order_id_taken: 'order_id_taken',
  reward_held: 'reward_held',
  invalid_hold: 'invalid_hold',
  hold_not_active: 'hold_not_active',
  idempotency_key_reused: 'idempotency_key_reused',
  event_conflict: 'event_conflict',
  order_not_found: 'order_not_found',
  invalid_transition: 'invalid_transition',
  event_not_found: 'event_not_found',
  event_not_stopped: 'not_dead_lettered',
  event_refused: 'event_refused',
} as const satisfies Record<RefusalCode, ErrorCode>;

/** A refusal's error answer; with the order as it stands when the refusal carries it. */
export function refusalResponse(c: RequestScope, refusal: LedgerRefusal): Response {
  const code = REFUSAL_ERRORS[refusal.code];
  if (!refusal.order) return fail(c, code, refusal.message);
  return c.json({ ...errorBody(c, code, refusal.message), order: refusal.order }, ERRORS[code].status);
}

export function checkoutFailureResponse(c: RequestScope, failure: CheckoutFailure): Response {
  switch (failure.kind) {
    case 'reused':
      return fail(c, 'idempotency_key_reused');
    case 'config':
      return fail(c, 'config_invalid');
    case 'spendgo':
      return spendgoFailure(c, failure.failure);
  }
}

export function spendgoFailure(c: RequestScope, failure: SpendgoFailure): Response {
  switch (failure.kind) {
    case 'unavailable':
      return fail(c, 'upstream_unavailable');
    case 'credentials':
    case 'token_invalid':
      console.error(
        JSON.stringify({ level: 'error', msg: 'spendgo_refused_credentials', request_id: c.var.requestId }),
      );
      return fail(c, 'upstream_auth_failed');
    case 'member_not_found':
      return fail(c, 'member_not_found');
    case 'store_unknown':
      return fail(c, 'store_unknown');
    case 'rejected':
      return fail(c, 'upstream_rejected');
    case 'bad_response':
      return fail(c, 'upstream_bad_response');
  }
}
