// The two read shapes Spendgo returns for a member: balance (§5.2) and rewards by store (§5.3),
// per program type. Capitalised `offer` in balance and lowercase in rewards, as the v2.1.1
// examples show (docs/spendgo-api.md A10). Pure.

import { roundCents } from './basket';
import { PROGRAMS, findRewardDef } from './fixtures';
import type { Member, Offer, RewardCopy, RewardDef } from './model';

const CURRENCY = 'USD';

const capitalised: Record<Offer, string> = { rebate: 'Rebate', discount: 'Discount', gift: 'Gift' };

interface CopyGroup {
  def: RewardDef;
  quantity: number;
  nextExpiresOn: string | null;
}

/** Live copies grouped by reward; groups keep the order of the copies given (soonest expiry first). */
function groupCopies(copies: readonly RewardCopy[]): CopyGroup[] {
  const groups = new Map<string, CopyGroup>();
  for (const copy of copies) {
    const def = findRewardDef(copy.rewardId);
    if (!def) continue;
    const group = groups.get(def.id) ?? { def, quantity: 0, nextExpiresOn: null };
    group.quantity += 1;
    if (copy.expiresOn && (!group.nextExpiresOn || copy.expiresOn < group.nextExpiresOn)) {
      group.nextExpiresOn = copy.expiresOn;
    }
    groups.set(def.id, group);
  }
  return [...groups.values()];
}

function reference(code: string) {
  return { type: 'promo', code };
}

export function balanceBody(member: Member, copies: readonly RewardCopy[]) {
  const program = PROGRAMS[member.program];
  switch (program.type) {
    case 'points':
    case 'visits': {
      const earned = findRewardDef(program.rewardId);
      return {
        quantity: member.balance,
        units: program.units,
        spend_threshold: program.threshold,
        label: earned?.label ?? '',
        rewards: groupCopies(copies).map((g) => ({
          currency: CURRENCY,
          offer: capitalised[g.def.offer],
          label: g.def.label,
          ...(g.def.value !== undefined && { value: g.def.value }),
          ...(g.nextExpiresOn && { next_expires_on: g.nextExpiresOn }),
          reference: reference(g.def.code),
          quantity: g.quantity,
        })),
      };
    }
    case 'points_banking':
      return {
        quantity: member.balance,
        units: program.units,
        label: 'points banking',
        rewards: program.tiers.map((tier) => ({
          currency: CURRENCY,
          offer: 'Rebate',
          label: tier.label,
          value: tier.value,
          points: tier.points,
          quantity: Math.max(0, Math.floor(member.balance / tier.points)),
        })),
      };
    case 'shop_with_points':
      return {
        quantity: member.balance,
        units: program.units,
        label: 'shop with points',
        rewards: [
          {
            currency: CURRENCY,
            offer: 'Rebate',
            label: 'Shop With Points',
            value: roundCents(Math.max(0, member.balance) * program.valuePerPoint),
            points: member.balance,
            value_per_point: program.valuePerPoint,
            reference: reference(program.code),
            quantity: member.balance > 0 ? 1 : 0,
          },
        ],
      };
  }
}

export function storeRewardsBody(member: Member, copies: readonly RewardCopy[], store: string) {
  const program = PROGRAMS[member.program];
  const rewards: Record<string, unknown>[] = [];
  for (const g of groupCopies(copies)) {
    if (g.def.stores && !g.def.stores.includes(store)) continue;
    rewards.push({
      id: g.def.id,
      currency: CURRENCY,
      offer: g.def.offer,
      label: g.def.label,
      ...(g.def.value !== undefined && { value: g.def.value }),
      ...(g.nextExpiresOn && { next_expires_on: g.nextExpiresOn }),
      reference: reference(g.def.code),
      quantity: g.quantity,
    });
  }
  if (program.type === 'points_banking') {
    for (const tier of program.tiers) {
      const quantity = Math.floor(member.balance / tier.points);
      if (quantity < 1) continue;
      rewards.push({
        id: tier.id,
        currency: CURRENCY,
        offer: 'rebate',
        label: tier.label,
        value: tier.value,
        quantity,
      });
    }
  }
  if (program.type === 'shop_with_points' && member.balance > 0) {
    rewards.push({
      id: program.rewardId,
      currency: CURRENCY,
      offer: 'rebate',
      label: 'Shop With Points',
      value: roundCents(member.balance * program.valuePerPoint),
      reference: reference(program.code),
      quantity: 1,
    });
  }
  return { rewards };
}
