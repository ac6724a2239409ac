// Checks a `placed` event against the checkout it names (architecture.md, trust boundary 4):
// same client, not expired, the same cart, and a discount no higher than the one Spendgo
// validated (lower only for P_ rewards, spendgo-api.md §5.6). Pure.

import type { OrderEvent, Payment } from '../../../shared/wire';
import { cartFingerprint, cents, type Cart } from '../checkout/cart';
import type { CheckoutRecordData } from '../checkout/checkout-record';
import type { ErrorCode } from '../http-errors';
import { err, ok, type Result } from '../result';

export interface PlacedOrder {
  checkoutId: string;
  memberId: string | null;
  store: string;
  rewardId: string | null;
  discount: number;
  cart: Cart;
  payments: Payment[] | null;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
}

type Placed = Extract<OrderEvent, { type: 'placed' }>;

export async function resolvePlaced(
  event: Placed,
  record: CheckoutRecordData | null,
  clientId: string,
  now: number,
): Promise<Result<PlacedOrder, Refusal>> {
  if (!record || record.clientId !== clientId)
    return err({ code: 'checkout_not_found', message: 'No checkout with this id for this client.' });
  if (record.expiresAt < now)
    return err({ code: 'checkout_expired', message: 'The checkout has expired; validate the cart again.' });
  const cart: Cart = {
    ...record.cart,
    ...(event.items && { items: event.items }),
    ...(event.subtotal !== undefined && { subtotal: event.subtotal }),
    ...(event.tax !== undefined && { tax: event.tax }),
    ...(event.tip !== undefined && { tip: event.tip }),
    ...(event.delivery !== undefined && { delivery: event.delivery }),
    ...(event.total !== undefined && { total: event.total }),
  };
  if ((await cartFingerprint(cart)) !== record.cartFingerprint) {
    return err({
      code: 'recheckout_required',
      message: 'The cart changed since checkout; call POST /v1/checkout again.',
    });
  }
  const discount = event.discount === undefined ? record.discount : cents(event.discount);
  if (discount > record.discount + 0.005) {
    return err({
      code: 'discount_too_high',
      message: `The discount may not exceed the validated ${record.discount.toFixed(2)}.`,
    });
  }
  const pointsReward = record.rewardId?.startsWith('P_') ?? false;
  if (record.rewardId !== null && !pointsReward && Math.abs(discount - record.discount) > 0.005) {
    return err({
      code: 'discount_too_high',
      message: `This reward's discount must be exactly the validated ${record.discount.toFixed(2)}.`,
    });
  }
  if (record.rewardId !== null && discount <= 0)
    return err({ code: 'discount_too_high', message: 'A reward discount must be more than zero.' });
  return ok({
    checkoutId: record.checkoutId,
    memberId: record.memberId,
    store: record.store,
    rewardId: record.rewardId,
    discount: record.rewardId === null ? 0 : discount,
    cart,
    payments: event.payments ?? null,
  });
}
