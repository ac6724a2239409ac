// Tolerant reading of Spendgo's responses into the proxy's wire types (docs/spendgo-api.md A10, A11,
// A13): keys of any case, numbers sent as strings, offers in any case. Pure; nothing here
// trusts a field it has not parsed.

import * as z from 'zod';
import type { Balance, ProgramType, Reward, RewardKind } from '../../../shared/wire';

/** Lowercases every object key, recursively (the docs mix `Units` and `units`). */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }
  return value;
}

const num = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const id = z.union([z.string(), z.number()]).transform(String);

const rewardWire = z.looseObject({
  id: id.nullish(),
  offer: z.string().nullish(),
  label: z.string().nullish(),
  value: num.nullish(),
  quantity: num.nullish(),
  next_expires_on: z.string().nullish(),
  points: num.nullish(),
  value_per_point: num.nullish(),
  reference: z.looseObject({ type: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish() }).nullish(),
});

const balanceWire = z.looseObject({
  quantity: num,
  units: z.string().nullish(),
  spend_threshold: num.nullish(),
  label: z.string().nullish(),
  rewards: z.array(rewardWire).nullish(),
});

const rewardsWire = z.looseObject({ rewards: z.array(rewardWire).nullish() });

const transactionWire = z.looseObject({
  transaction: z.looseObject({
    id: id.nullish(),
    status: z.string(),
    discount: num.nullish(),
    message: z.string().nullish(),
  }),
});

export const spendgoErrorWire = z.looseObject({
  code: num.nullish(),
  details: z.string().nullish(),
  message: z.string().nullish(),
});

const tokenWire = z.looseObject({ access_token: z.string().min(1) });

const memberWire = z.looseObject({
  id,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});

const kinds: Record<string, RewardKind> = { rebate: 'amount_off', discount: 'percent_off', gift: 'free_item' };

function toReward(r: z.infer<typeof rewardWire>): Reward {
  const rewardId = r.id ?? null;
  const offer = (r.offer ?? '').trim().toLowerCase();
  const code = r.reference?.code;
  return {
    id: rewardId,
    // An offer type we do not know is shown as such, never guessed to be a dollar amount.
    kind: kinds[offer] ?? 'other',
    offer,
    label: r.label ?? '',
    pos_code: code === null || code === undefined || code === '' ? null : String(code),
    value: r.value ?? null,
    quantity: Math.max(0, Math.floor(r.quantity ?? 0)),
    expires_on: r.next_expires_on ?? null,
    points_reward: rewardId?.startsWith('P_') ?? (r.points != null || r.value_per_point != null),
    points: r.points ?? null,
    value_per_point: r.value_per_point ?? null,
  };
}

function programOf(b: z.infer<typeof balanceWire>): ProgramType {
  const label = (b.label ?? '').toLowerCase();
  const rewards = b.rewards ?? [];
  if (label === 'shop with points' || rewards.some((r) => r.value_per_point != null)) return 'shop_with_points';
  if (label === 'points banking' || (b.spend_threshold == null && rewards.some((r) => r.points != null)))
    return 'points_banking';
  return (b.units ?? '').toLowerCase() === 'visits' ? 'visits' : 'points';
}

export function parseBalance(json: unknown): Balance | null {
  const parsed = balanceWire.safeParse(lowerKeys(json));
  if (!parsed.success) return null;
  const b = parsed.data;
  const units = (b.units ?? 'points').toLowerCase();
  return {
    program: programOf(b),
    units: units === 'visits' || units === 'stamps' ? units : 'points',
    balance: b.quantity,
    label: b.label ?? '',
    threshold: b.spend_threshold ?? null,
    rewards: (b.rewards ?? []).map(toReward),
  };
}

export function parseRewards(json: unknown): Reward[] | null {
  const parsed = rewardsWire.safeParse(lowerKeys(json));
  if (!parsed.success) return null;
  return (parsed.data.rewards ?? []).map(toReward).filter((r) => r.id !== null && r.quantity > 0);
}

export interface SpendgoTransaction {
  id: string | null;
  status: string;
  discount: number;
  message: string | null;
}

export function parseTransaction(json: unknown): SpendgoTransaction | null {
  const parsed = transactionWire.safeParse(lowerKeys(json));
  if (!parsed.success) return null;
  const t = parsed.data.transaction;
  return { id: t.id ?? null, status: t.status, discount: t.discount ?? 0, message: t.message?.trim() || null };
}

export function parseToken(json: unknown): string | null {
  return tokenWire.safeParse(json).data?.access_token ?? null;
}

export interface SpendgoMember {
  id: string;
  givenName: string;
}

export function parseMember(json: unknown): SpendgoMember | null {
  const parsed = memberWire.safeParse(lowerKeys(json));
  return parsed.success ? { id: parsed.data.id, givenName: parsed.data.first_name ?? '' } : null;
}

/** The mobile API's member status (API v2.1.1, "Retrieve a member status"). */
export type MemberStatus = 'Activated' | 'StarterAccount' | 'NotFound' | 'InvalidEmail' | 'WaitingForEmailValidation';

const lookupWire = z.looseObject({
  status: z.enum(['Activated', 'StarterAccount', 'NotFound', 'InvalidEmail', 'WaitingForEmailValidation']),
  linked_to_account: z.boolean().optional(),
});

export function parseLookup(json: unknown): { status: MemberStatus; linked: boolean } | null {
  const parsed = lookupWire.safeParse(lowerKeys(json));
  return parsed.success ? { status: parsed.data.status, linked: parsed.data.linked_to_account ?? false } : null;
}

/** `POST /loyalty/accounts`'s answer with a member: `{ id, status }` (200 existing, 201 created). */
export function parseCreatedMember(json: unknown): string | null {
  const parsed = z.looseObject({ id: z.coerce.string().regex(/^\d{1,20}$/) }).safeParse(lowerKeys(json));
  return parsed.success ? parsed.data.id : null;
}
