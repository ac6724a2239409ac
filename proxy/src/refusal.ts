// The domain's refusals: why an order, a checkout claim or a re-drive was not done, as the
// Durable Objects and pure cores say it. They know nothing of HTTP; refusal-responses.ts maps
// each code to the proxy's error answer in one exhaustive table.

export type RefusalCode =
  // A placed's claim on its checkout (checkout/claim rules in order-ledger/placed.ts).
  | 'checkout_not_found'
  | 'checkout_expired'
  | 'checkout_used'
  | 'cart_mismatch'
  | 'recheckout_required'
  | 'discount_too_high'
  | 'total_mismatch'
  // An order's payments (order-ledger/payments.ts).
  | 'payments_mismatch'
  // The order id, claimed across the Spendgo account (order-ledger/placing.ts).
  | 'order_id_taken'
  // Holds (order-ledger/hold.ts).
  | 'reward_held'
  | 'invalid_hold'
  | 'hold_not_active'
  // An order's events (order-ledger/order-ledger.ts).
  | 'idempotency_key_reused'
  | 'event_conflict'
  | 'order_not_found'
  | 'invalid_transition'
  | 'event_not_found'
  | 'event_not_stopped'
  | 'event_refused';

export interface Refusal {
  code: RefusalCode;
  /** Says what to do about it, for the merchant's developer. */
  message: string;
}

export const refusal = (code: RefusalCode, message: string): Refusal => ({ code, message });
