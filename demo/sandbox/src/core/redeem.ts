// Whether one reward applies to a basket, and for how much: the rules behind Spendgo's
// `checkout` validation (docs/spendgo-api.md §5.4–§5.6, choices A7, A8, A17, A18).
// Pure: the caller passes the member's live copies, the store and today's date.

import { formatDollars, qualifyingUnitPrices, roundCents } from './basket';
import { PROGRAMS, findRewardDef, findStore } from './fixtures';
import type { Member, RewardCopy, RewardDef } from './model';
import type { PosEntry } from './wire';

export type Redemption = { ok: true; discount: number } | { ok: false; message: string };

export interface RedemptionInput {
  rewardId: string;
  /** The discount the caller sent (for P_ rewards: how much of the value the member uses). */
  requested: number | undefined;
  member: Member | null;
  /** The member's copies that are available and unexpired today. */
  copies: readonly RewardCopy[];
  store: string;
  subtotal: number;
  entries: readonly PosEntry[];
}

export const MESSAGES = {
  oneReward: 'Only one reward can be redeemed per order.',
  guest: 'Sign in to your loyalty account to use rewards.',
  notHeld: 'This reward is not available on your account.',
} as const;

const fail = (message: string): Redemption => ({ ok: false, message });

export function isPointsReward(rewardId: string): boolean {
  return rewardId.startsWith('P_');
}

export function redeem(input: RedemptionInput): Redemption {
  const { member } = input;
  if (!member) return fail(MESSAGES.guest);
  return isPointsReward(input.rewardId) ? redeemPoints(member, input) : redeemCopy(input);
}

function redeemPoints(member: Member, input: RedemptionInput): Redemption {
  const program = PROGRAMS[member.program];
  if (program.type === 'points_banking') {
    const tier = program.tiers.find((t) => t.id === input.rewardId);
    if (!tier) return fail(MESSAGES.notHeld);
    if (member.balance < tier.points) {
      return fail(`You need ${tier.points - member.balance} more points for ${tier.label}.`);
    }
    return capped(tier.value, input.subtotal);
  }
  if (program.type === 'shop_with_points' && program.rewardId === input.rewardId) {
    const available = roundCents(Math.max(0, member.balance) * program.valuePerPoint);
    const wanted = input.requested ?? available;
    if (wanted > available + 0.005) {
      return fail(`Your points are worth ${formatDollars(available)}; choose a smaller amount.`);
    }
    if (wanted <= 0) return fail('Choose an amount of points to use.');
    return capped(wanted, input.subtotal);
  }
  return fail(MESSAGES.notHeld);
}

function redeemCopy(input: RedemptionInput): Redemption {
  const def = findRewardDef(input.rewardId);
  if (!def || !input.copies.some((c) => c.rewardId === def.id)) return fail(MESSAGES.notHeld);
  if (def.stores && !def.stores.includes(input.store)) {
    return fail(`${def.label} can't be used at ${findStore(input.store)?.name ?? 'this store'}.`);
  }
  if (def.minSubtotal !== undefined && input.subtotal + 0.005 < def.minSubtotal) {
    return fail(`Spend at least ${formatDollars(def.minSubtotal)} to use ${def.label}.`);
  }
  return ruleDiscount(def, input);
}

function ruleDiscount(def: RewardDef, input: RedemptionInput): Redemption {
  const rule = def.rule;
  switch (rule.kind) {
    case 'amount_off':
      return capped(rule.amount, input.subtotal);
    case 'percent_off': {
      const raw = roundCents((input.subtotal * rule.percent) / 100);
      return capped(rule.max === undefined ? raw : Math.min(raw, rule.max), input.subtotal);
    }
    case 'free_item': {
      const prices = qualifyingUnitPrices(input.entries, rule);
      const best = prices.at(-1);
      if (best === undefined) return fail(`Add ${rule.item} to your order to use ${def.label}.`);
      return capped(best, input.subtotal);
    }
    case 'bogo': {
      const prices = qualifyingUnitPrices(input.entries, rule);
      const needed = rule.buy + rule.get;
      if (prices.length < needed) return fail(`Add ${needed} ${rule.item} to your order to use ${def.label}.`);
      const free = prices.slice(0, rule.get).reduce((sum, p) => sum + p, 0);
      return capped(free, input.subtotal);
    }
  }
}

function capped(amount: number, subtotal: number): Redemption {
  const discount = roundCents(Math.min(amount, subtotal));
  return discount > 0 ? { ok: true, discount } : fail('This reward does not lower this order.');
}

/**
 * After `checkout`, the discount sent must equal the validated one; P_ rewards may use less
 * (docs/spendgo-api.md A8). Returns a message when the applied discount is not allowed.
 */
export function appliedDiscountProblem(
  rewardId: string,
  applied: number | undefined,
  validated: number,
): string | null {
  if (applied === undefined) return 'The reward discount is missing.';
  if (isPointsReward(rewardId)) {
    return applied > 0 && applied <= validated + 0.005
      ? null
      : `The discount must be more than $0.00 and at most ${formatDollars(validated)}.`;
  }
  return Math.abs(applied - validated) <= 0.005
    ? null
    : `The discount must be the validated ${formatDollars(validated)}.`;
}
