// Pure decisions for the signed-in view (loaded with it, in its chunk): rewards grouped by id,
// Points Banking's next tier, what a Shop With Points amount uses, and the percentage a
// percent-off reward names. No DOM, no I/O.

import type { Balance, Reward } from '../../shared/wire-types';

/** One row per reward: copies Spendgo lists apart (same id) become one, with their quantity (and
 * the copies held for the member's placed orders) summed. */
export function groupRewards(rewards: readonly Reward[]): Reward[] {
  const rows: Reward[] = [];
  const byId = new Map<string, Reward>();
  for (const reward of rewards) {
    const seen = reward.id === null ? undefined : byId.get(reward.id);
    if (!seen) {
      const row = { ...reward };
      rows.push(row);
      if (reward.id !== null) byId.set(reward.id, row);
      continue;
    }
    seen.quantity += reward.quantity;
    if (reward.held?.length) seen.held = [...(seen.held ?? []), ...reward.held];
    if (reward.expires_on && (!seen.expires_on || reward.expires_on < seen.expires_on))
      seen.expires_on = reward.expires_on;
  }
  return rows;
}

/** A reward row split in two: the copies the member can choose now, and those held for placed,
 * unbilled orders (shown apart, not choosable), with the earliest order's date. */
export function splitHeld(reward: Reward): { free: Reward | null; held: { count: number; placedAt: string } | null } {
  const held = reward.held ?? [];
  const free = reward.quantity - held.length;
  const first = held.map((h) => h.placed_at).sort()[0];
  return {
    free: free > 0 ? { ...reward, quantity: free, held: [] } : null,
    held: first === undefined ? null : { count: Math.min(held.length, reward.quantity), placedAt: first },
  };
}

/** Points Banking: the cheapest tier the member cannot afford yet, and how far off it is. */
export function nextTier(balance: Balance): { points: number; label: string; remaining: number } | null {
  if (balance.program !== 'points_banking') return null;
  let next: Reward | null = null;
  for (const tier of balance.rewards) {
    if (tier.points === null || tier.points <= balance.balance) continue;
    if (!next || tier.points < (next.points ?? Infinity)) next = tier;
  }
  return next?.points == null
    ? null
    : { points: next.points, label: next.label, remaining: next.points - balance.balance };
}

/** Shop With Points: the points an amount uses (Spendgo rounds up to whole points). */
export function pointsFor(amount: number, valuePerPoint: number): number {
  return Math.ceil(Math.round((amount / valuePerPoint) * 1e6) / 1e6);
}

/** An amount typed for a Shop With Points reward, kept to whole cents within 0.01 … max. */
export function clampAmount(value: number, max: number): number {
  if (!Number.isFinite(value)) return max;
  return Math.min(max, Math.max(0.01, Math.round(value * 100) / 100));
}

/** The percentage a percent-off reward's label names ("20% Off Your Order" → 0.2), for display
 * only: Spendgo sends a % reward with no percentage field (nor a cap), and the discount itself
 * always comes from checkout. Null when the label names none, or more than one. */
export function percentIn(label: string): number | null {
  const found = [...label.matchAll(/(\d{1,3}(?:[.,]\d{1,2})?)\s*%/g)];
  if (found.length !== 1) return null;
  const percent = Number(found[0]![1]!.replace(',', '.'));
  return percent > 0 && percent <= 100 ? percent / 100 : null;
}
