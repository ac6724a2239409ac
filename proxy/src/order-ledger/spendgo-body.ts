// The Spendgo order body for one lifecycle event, built from the ledger's stored state so every
// retry sends the same bytes (the sandbox, like a careful Spendgo, answers a replay from its
// record). Every call after checkout carries the order's payments (API v2.1.1 requires them):
// the event's own, else the latest stated.

import type { Payment } from '../../../shared/wire';
import { spendgoOrderBody } from '../spendgo/order-body';
import type { OrderEventType } from './machine';
import type { OrderState } from './records';

export function lifecycleBody(
  state: OrderState,
  type: OrderEventType,
  brand: string,
  detail: { payments?: Payment[] },
): object {
  return spendgoOrderBody(state.cart, {
    status: type,
    brand,
    orderId: state.orderId,
    reward: state.rewardId === null ? null : { id: state.rewardId, discount: state.discount },
    merchantDiscount: state.merchantDiscount,
    payments: detail.payments ?? state.payments,
    ...(state.rendition && { rendition: state.rendition }),
    ...(state.wanted !== null && { wanted: state.wanted }),
    ...(state.orderType && { type: state.orderType }),
    ...(type === 'refunded' && state.transactionId !== null && { transaction: state.transactionId }),
  });
}
