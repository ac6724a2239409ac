// Spendgo's rewards-by-store answer leaves out what a points reward costs: a Points Banking
// tier's `points` and Shop With Points' spendable `points` and `value_per_point` appear only in
// the member's balance (API v2.1.1 §5.2 and §5.3). This completes each `P_` reward from the
// balance entry that is the same reward: the same POS code when both have one, else the same
// label and value, else (only one candidate) the same label. No match leaves the terms null
// (unknown), never guessed. Pure.

import type { Reward } from '../../../shared/wire';

const sameLabel = (a: Reward, b: Reward) => a.label.trim().toLowerCase() === b.label.trim().toLowerCase();

function termsFor(reward: Reward, listed: readonly Reward[]): Reward | undefined {
  const candidates = listed.filter((b) => b.points !== null || b.value_per_point !== null);
  if (reward.pos_code !== null) {
    const byCode = candidates.filter((b) => b.pos_code === reward.pos_code);
    if (byCode.length === 1) return byCode[0];
  }
  const byLabel = candidates.filter((b) => sameLabel(b, reward));
  const byValue = byLabel.filter((b) => b.value === reward.value);
  if (byValue.length === 1) return byValue[0];
  return byLabel.length === 1 ? byLabel[0] : undefined;
}

/** True when some reward would be completed by the balance (only then is it worth fetching). */
export const needsPointsTerms = (rewards: readonly Reward[]): boolean =>
  rewards.some((r) => r.points_reward && r.points === null && r.value_per_point === null);

export function withPointsTerms(rewards: readonly Reward[], balanceRewards: readonly Reward[]): Reward[] {
  return rewards.map((reward) => {
    if (!reward.points_reward || reward.points !== null || reward.value_per_point !== null) return reward;
    const terms = termsFor(reward, balanceRewards);
    return terms ? { ...reward, points: terms.points, value_per_point: terms.value_per_point } : reward;
  });
}
