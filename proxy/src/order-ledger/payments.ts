// What an order's payments must add up to before they go to Spendgo (docs/spendgo-api.md, A20):
// API v2.1.1 gives each payment the "amount allocated to this payment method", and its example
// allocates exactly the order's total (subtotal − discounts + tax + tip + delivery). At `billed`
// the payments are what was charged, so they must sum to the total to the cent, split tenders
// and the tip included. At `placed` they are the authorisation for an order charged later, which
// may be taken before the reward lowered the price, so they must cover the total, never fall
// short of it. Pure.

import type { Payment } from '../../../shared/wire';
import { cents } from '../checkout/cart';
import { refusal, type Refusal } from '../refusal';

export type PaymentStep = 'placed' | 'billed';

/** The sum of the payments, in cents. */
export function paymentsSum(payments: readonly Payment[]): number {
  return cents(payments.reduce((sum, p) => sum + p.amount, 0));
}

/** Why `payments` cannot be stated at `step` for an order of `total`, or null when they pay for it. */
export function paymentsRefusal(step: PaymentStep, payments: readonly Payment[], total: number): Refusal | null {
  const paid = paymentsSum(payments);
  const due = cents(total);
  if (step === 'billed' && Math.abs(paid - due) > 0.005)
    return refusal(
      'payments_mismatch',
      `The payments at billed must add up to the order's total, ${due.toFixed(2)}; they add up to ${paid.toFixed(2)}.`,
    );
  if (step === 'placed' && paid + 0.005 < due)
    return refusal(
      'payments_mismatch',
      `The payments at placed must cover the order's total, ${due.toFixed(2)}; they add up to ${paid.toFixed(2)}.`,
    );
  return null;
}
