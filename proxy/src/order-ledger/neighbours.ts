// What an OrderLedger asks of the other Durable Objects around its order, in one thin adapter:
// the checkout it claims (and gives back when voided), the member's reward holds (a copy taken at
// placed, moved by an extension, given back once Spendgo has billed or voided), and its client's
// recovery board, and its client's order index. Only the checkout claim and the hold decide anything; the rest is bookkeeping
// whose failure is logged and left to end by itself (a hold at its end, a board at its alarm).

import { claimNamedCheckout, releaseNamedCheckout } from '../checkout/checkout-record';
import { orderIdClaim, orderIndex, recoveryBoard, rewardHolds } from '../durable-objects';
import type { OrderSummary } from './order-index';
import type { Result } from '../../../shared/result';
import type { Refusal } from '../refusal';
import type { AcceptCommand } from './admission';
import type { DeliveryOutcome } from './delivery';
import type { PlacedEvent, PlacedOrder } from './placed';
import type { OrderState } from './records';

function warn(msg: string, error: unknown): void {
  console.warn(JSON.stringify({ level: 'warn', msg, error: String(error).slice(0, 200) }));
}

export class OrderNeighbours {
  private readonly env: Env;

  constructor(env: Env) {
    this.env = env;
  }

  /** Claims the order id across the client's Spendgo account, for good: true when this client
   * holds it (now or from before), false when another storefront of the account placed it. */
  async claimOrderId(command: Pick<AcceptCommand, 'account' | 'orderId' | 'clientId'>): Promise<boolean> {
    const claim = orderIdClaim(this.env.ONE_TIME_IDS, command.account, command.orderId);
    return (await claim.claim(command.clientId)) === command.clientId;
  }

  /** Checks a placed against its checkout and claims it, in the checkout's own object. */
  claimCheckout(command: AcceptCommand, event: PlacedEvent, nowMs: number): Promise<Result<PlacedOrder, Refusal>> {
    return claimNamedCheckout(this.env.CHECKOUTS, orderKeyOf(command), command, event, Math.floor(nowMs / 1000));
  }

  releaseCheckout(checkoutId: string, key: { clientId: string; orderId: string }): Promise<void> {
    return releaseNamedCheckout(this.env.CHECKOUTS, checkoutId, orderKeyOf(key));
  }

  /** Takes a copy of the member's reward for this order until `until`: 'none' when the order
   * uses no member's reward, a refusal when the member's copies are all held by other orders. */
  async holdReward(
    command: AcceptCommand,
    placed: PlacedOrder,
    nowMs: number,
    until: number,
  ): Promise<Result<'none' | 'new' | 'already', Refusal>> {
    if (placed.rewardId === null || placed.memberId === null) return { ok: true, value: 'none' };
    const holds = rewardHolds(this.env.REWARD_HOLDS, placed.account, placed.memberId);
    return holds.take(
      { orderKey: orderKeyOf(command), rewardId: placed.rewardId, placedAt: nowMs, until },
      placed.rewardCopies,
    );
  }

  async extendHold(state: OrderState, until: number): Promise<void> {
    if (!state.rewardHeld || state.memberId === null) return;
    await rewardHolds(this.env.REWARD_HOLDS, state.account, state.memberId).extend(orderKeyOf(state), until);
  }

  /** Gives the order's reward copy back; false (logged) when the holds could not be reached. */
  async releaseReward(order: Pick<OrderState, 'account' | 'memberId' | 'clientId' | 'orderId'>): Promise<boolean> {
    if (order.memberId === null) return true;
    try {
      await rewardHolds(this.env.REWARD_HOLDS, order.account, order.memberId).release(orderKeyOf(order));
      return true;
    } catch (error) {
      warn('reward_holds_unreachable', error);
      return false;
    }
  }

  /** Sends the order's summary to its client's index; false (logged) when it could not be reached. */
  async index(clientId: string, summary: OrderSummary): Promise<boolean> {
    try {
      await orderIndex(this.env.ORDER_INDEX, clientId).upsert(summary);
      return true;
    } catch (error) {
      warn('order_index_unreachable', error);
      return false;
    }
  }

  /** Keeps the client's recovery board current: waiting after a failure, off it once delivered
   * or stopped. A first attempt that succeeds was never on it: the healthy path costs nothing.
   * The board only speeds recovery up, so a failure to reach it is logged and ignored. */
  async tellBoard(state: OrderState, step: DeliveryOutcome, attempt: number): Promise<void> {
    if (step.kind !== 'retry' && attempt === 1) return;
    const board = recoveryBoard(this.env.RECOVERY_BOARDS, state.clientId);
    try {
      if (step.kind === 'retry') await board.waiting(state.clientId, state.orderId, step.at);
      else if (step.kind === 'delivered') await board.delivered(state.orderId);
      else await board.stopped(state.orderId);
    } catch (error) {
      warn('recovery_board_unreachable', error);
    }
  }
}

/** `<client id>:<order id>`: how the checkout and the holds name the order. */
export const orderKeyOf = (key: { clientId: string; orderId: string }) => `${key.clientId}:${key.orderId}`;
