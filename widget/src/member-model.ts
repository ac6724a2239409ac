// Pure decisions for the signed-in view (loaded with it, in its chunk): rewards grouped by id,
// Points Banking's next tier, and what a Shop With Points amount uses. No DOM, no I/O.

import type { Balance, Reward } from '../../shared/wire';

/** One row per reward: copies Spendgo lists apart (same id) become one, with their quantity summed. */
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
    if (reward.expires_on && (!seen.expires_on || reward.expires_on < seen.expires_on))
      seen.expires_on = reward.expires_on;
  }
  return rows;
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
