// Decides whether a `placed` event may take the checkout it names (trust boundary 4): the
// checkout is this client's, not expired and not backing another order; the merchant's order
// is the cart that was validated (store, source, items, subtotal); the reward discount is at most
// the validated one (lower only for P_ rewards, docs/spendgo-api.md §5.6), all discounts together
// stay within the subtotal, the stated total adds up, and the payments cover it (payments.ts).
// Pure and synchronous: the cart's fingerprint comes in, so the CheckoutRecord can decide and
// claim in one step with nothing in between.

import type { OrderEvent, Payment } from '../../../shared/wire';
import { cents, chargeTotal, subtotalMatches, type Cart } from '../checkout/cart';
import type { CheckoutRecordData } from '../checkout/checkout-record';
import { refusal, type Refusal, type RefusalCode } from '../refusal';
import { paymentsRefusal } from './payments';
import { err, ok, type Result } from '../../../shared/result';

export interface PlacedOrder {
  checkoutId: string;
  /** The Spendgo account the checkout was validated in; the order's calls all go there. */
  account: string;
  memberId: string | null;
  store: string;
  rewardId: string | null;
  /** How many copies of the reward the member had when the checkout validated it. */
  rewardCopies: number;
  /** What Spendgo validated at checkout. */
  validatedDiscount: number;
  /** What this order takes: the validated discount, or less for a P_ reward. */
  discount: number;
  /** The sum of the merchant's own discounts (not Spendgo rewards). */
  merchantDiscount: number;
  /** The merchant's cart, with `total` = what the shop charges. */
  cart: Cart;
  /** The latest payments stated (placed's, then billed's): Spendgo wants them on every later call. */
  payments: Payment[];
  rendition: 'onsite' | 'pickup' | 'delivery' | null;
  /** When the guest receives the order (ms): Spendgo's `wanted`. */
  wanted: number | null;
  orderType: 'regular' | 'catering' | null;
}

export type PlacedEvent = Extract<OrderEvent, { type: 'placed' }>;

/** When the guest receives the order (ms), from the placed's `wanted`; null without one. */
export const wantedOf = (event: PlacedEvent): number | null =>
  event.wanted === undefined ? null : Date.parse(event.wanted);

export interface PlacedClaim {
  /** `<client id>:<order id>`: who claims the checkout. */
  orderKey: string;
  clientId: string;
  /** The Spendgo account the client uses now. */
  account: string;
  event: PlacedEvent;
  /** cartFingerprint of the merchant's cart in `event`. */
  fingerprint: string;
  /** Unix seconds. */
  now: number;
}

const refuse = (code: RefusalCode, message: string) => err(refusal(code, message));

/** `claimedBy` is the order key that holds the checkout, if any. */
export function resolvePlaced(
  claim: PlacedClaim,
  record: CheckoutRecordData | null,
  claimedBy: string | null,
): Result<PlacedOrder, Refusal> {
  const { event } = claim;
  if (!record || record.clientId !== claim.clientId)
    return refuse('checkout_not_found', 'No checkout with this id for this client.');
  if (record.expiresAt < claim.now)
    return refuse('checkout_expired', 'The checkout has expired; validate the cart again.');
  if (claimedBy !== null && claimedBy !== claim.orderKey)
    return refuse('checkout_used', 'This checkout is in use by another order; validate the cart again for this one.');
  if (!subtotalMatches(event)) return refuse('cart_mismatch', "The subtotal does not match the items' total.");
  if (record.account !== claim.account)
    return refuse('recheckout_required', "The store's Spendgo account changed; call POST /v1/checkout again.");
  if (claim.fingerprint !== record.cartFingerprint)
    return refuse(
      'recheckout_required',
      'The order differs from the validated cart (store, source, items or subtotal); call POST /v1/checkout again.',
    );

  const validated = record.discount;
  const discount = record.rewardId === null ? 0 : cents(event.reward_discount ?? validated);
  if (record.rewardId === null && event.reward_discount !== undefined && event.reward_discount > 0)
    return refuse('discount_too_high', 'The checkout applied no reward, so the reward discount must be 0.');
  if (discount > validated + 0.005)
    return refuse('discount_too_high', `The reward discount may not exceed the validated ${validated.toFixed(2)}.`);
  const pointsReward = record.rewardId?.startsWith('P_') ?? false;
  if (record.rewardId !== null && !pointsReward && Math.abs(discount - validated) > 0.005)
    return refuse('discount_too_high', `This reward's discount must be exactly the validated ${validated.toFixed(2)}.`);
  if (record.rewardId !== null && discount <= 0)
    return refuse('discount_too_high', 'A reward discount must be more than zero.');

  const merchantDiscount = cents((event.discounts ?? []).reduce((sum, d) => sum + d.amount, 0));
  if (discount + merchantDiscount > cents(event.subtotal) + 0.005)
    return refuse('discount_too_high', 'The discounts together may not exceed the subtotal.');
  const total = chargeTotal(event, discount + merchantDiscount);
  if (event.total !== undefined && Math.abs(cents(event.total) - total) > 0.005)
    return refuse(
      'total_mismatch',
      `The total must be subtotal − discounts + tax + tip + delivery = ${total.toFixed(2)}.`,
    );
  const unpaid = paymentsRefusal('placed', event.payments, total);
  if (unpaid) return err(unpaid);
  const cart: Cart = {
    store: event.store,
    source: event.source,
    items: event.items,
    subtotal: cents(event.subtotal),
    ...(event.tax !== undefined && { tax: cents(event.tax) }),
    ...(event.tip !== undefined && { tip: cents(event.tip) }),
    ...(event.delivery !== undefined && { delivery: cents(event.delivery) }),
    total,
  };
  return ok({
    checkoutId: record.checkoutId,
    account: record.account,
    memberId: record.memberId,
    store: record.store,
    rewardId: record.rewardId,
    rewardCopies: record.rewardCopies ?? 1,
    validatedDiscount: validated,
    discount,
    merchantDiscount,
    cart,
    payments: event.payments,
    rendition: event.rendition ?? null,
    wanted: wantedOf(event),
    orderType: event.order_type ?? null,
  });
}

/** The checkout's holder after a claim: the claimant when it may proceed, else unchanged. */
export function claimCheckout(
  claim: PlacedClaim,
  record: CheckoutRecordData | null,
  claimedBy: string | null,
): { decision: Result<PlacedOrder, Refusal>; claimedBy: string | null } {
  const decision = resolvePlaced(claim, record, claimedBy);
  return { decision, claimedBy: decision.ok ? claim.orderKey : claimedBy };
}

/** The checkout's holder after an order gives it back (when voided). */
export function releaseCheckout(orderKey: string, claimedBy: string | null): string | null {
  return claimedBy === orderKey ? null : claimedBy;
}
