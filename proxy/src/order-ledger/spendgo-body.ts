// The Spendgo order body for one lifecycle event, built from the ledger's stored state so every
// retry sends the same bytes (the sandbox, like a careful Spendgo, answers a replay from its record).

import type { Payment } from '../../../shared/wire';
import { spendgoOrderBody } from '../checkout/cart';
import type { OrderEventType } from './machine';
import type { OrderState } from './records';

export function lifecycleBody(
  state: OrderState,
  type: OrderEventType,
  brand: string,
  detail: { payments?: Payment[] },
): object {
  const payments = detail.payments ?? state.payments ?? undefined;
  return spendgoOrderBody(state.cart, {
    status: type,
    brand,
    orderId: state.orderId,
    reward: state.rewardId === null ? null : { id: state.rewardId, discount: state.discount },
    ...(payments && { payments }),
    ...(type === 'refunded' && state.transactionId !== null && { transaction: state.transactionId }),
  });
}
