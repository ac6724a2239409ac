// How long a placed, unbilled order holds its checkout and reward (docs/architecture.md, Order
// ahead): the client's window from `placed` (default 7 days, a card authorisation's usual life),
// the guest's time (`wanted`: a reservation) plus the client's window after it, or the order's
// own `hold_until`; never more than 30 days ahead. When the hold ends without `billed`, the
// order's Durable Object voids it by itself. Pure: the clock comes in.

import type { Reward } from '../../../shared/wire';
import { err, ok, type Result } from '../../../shared/result';
import { refusal, type Refusal } from '../refusal';
import type { OrderStatus } from './machine';

export const DEFAULT_HOLD_SECONDS = 7 * 24 * 3600;
/** The furthest a hold may reach from now: the longest card authorisation networks allow. */
export const MAX_HOLD_MS = 30 * 24 * 3600 * 1000;

/** The reason the proxy writes on the `voided` it sends when a hold ends. */
export const holdExpiredReason = (until: number) =>
  `The hold ended at ${new Date(until).toISOString()} without billed; the proxy voided the order.`;

/** The client's hold windows (seconds): from placed, and after the guest's time (`wanted`). */
export interface HoldWindows {
  holdSeconds: number;
  afterWantedSeconds: number;
}

/** When a new order's hold ends: `requested` (ISO) if given and allowed; else, for an order with
 * a time (`wanted`, ms), that time plus the window after it; else now + the window. */
export function holdUntil(
  requested: string | undefined,
  wanted: number | null,
  windows: HoldWindows,
  now: number,
): Result<number, Refusal> {
  if (requested !== undefined) return allowedUntil(Date.parse(requested), now);
  if (wanted === null) return ok(now + windows.holdSeconds * 1000);
  const until = wanted + windows.afterWantedSeconds * 1000;
  if (!(until > now))
    return err(refusal('invalid_hold', "The order's time (wanted) and the hold after it have already passed."));
  if (until - now > MAX_HOLD_MS)
    return err(
      refusal(
        'invalid_hold',
        "The order's time (wanted) is too far ahead to hold it (at most 30 days); place it later.",
      ),
    );
  return ok(until);
}

function allowedUntil(until: number, now: number): Result<number, Refusal> {
  if (!(until > now)) return err(refusal('invalid_hold', 'hold_until must be in the future.'));
  if (until - now > MAX_HOLD_MS) return err(refusal('invalid_hold', 'hold_until may be at most 30 days from now.'));
  return ok(until);
}

/** A hold moved later: only while the order is placed and unbilled, never earlier than it is. */
export function extendedUntil(
  status: OrderStatus,
  current: number | null,
  requested: string,
  now: number,
): Result<number, Refusal> {
  if (status !== 'placed' || current === null)
    return err(refusal('hold_not_active', `The order is ${status}; only a placed, unbilled order holds its reward.`));
  const until = Date.parse(requested);
  if (until < current)
    return err(
      refusal('invalid_hold', `A hold can only be extended: it already runs until ${new Date(current).toISOString()}.`),
    );
  return allowedUntil(until, now);
}

/** Whether the order's hold has ended unbilled, so the proxy must void it now. */
export const holdEnded = (status: OrderStatus, until: number | null, now: number): boolean =>
  status === 'placed' && until !== null && until <= now;

/** One reward copy held by one order. */
export interface RewardHold {
  orderKey: string;
  rewardId: string;
  placedAt: number;
  until: number;
}

/** Whether order `orderKey` may hold a copy of `rewardId`, of which the member has `copies`:
 * yes when it already does (a retry), or when fewer than `copies` live holds name the reward.
 * A hold past its end no longer counts (its order is being voided). */
export function mayHold(
  holds: readonly RewardHold[],
  orderKey: string,
  rewardId: string,
  copies: number,
  now: number,
): Result<'new' | 'already', Refusal> {
  if (holds.some((h) => h.orderKey === orderKey)) return ok('already');
  const live = holds.filter((h) => h.rewardId === rewardId && h.until > now);
  if (live.length < copies) return ok('new');
  const first = live.reduce((a, b) => (a.placedAt <= b.placedAt ? a : b));
  return err(
    refusal(
      'reward_held',
      `The member's reward is held for another order placed ${new Date(first.placedAt).toISOString()}; ` +
        'bill or void that order first, or validate the cart again without the reward.',
    ),
  );
}

/** The member's rewards with each live hold marked on a copy of its reward, earliest first: a
 * listing row holds as many as its quantity, so two copies listed as one row can carry two. */
export function withHolds(rewards: readonly Reward[], holds: readonly RewardHold[]): Reward[] {
  const waiting = [...holds].sort((a, b) => a.placedAt - b.placedAt);
  return rewards.map((reward) => {
    const mine = waiting.filter((h) => h.rewardId === reward.id).slice(0, reward.quantity);
    for (const h of mine) waiting.splice(waiting.indexOf(h), 1);
    const held = mine.map((h) => ({
      placed_at: new Date(h.placedAt).toISOString(),
      until: new Date(h.until).toISOString(),
    }));
    return { ...reward, held };
  });
}
