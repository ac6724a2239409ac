// The seeded world the sandbox starts from (and returns to on reset). Values follow the
// examples in Spendgo's documents where there are any: brand 33559, store 999999, reward 2234402.
// Pure data; the Durable Object writes it to storage.
// As in Spendgo, each account (brand) runs one program type, so the sandbox holds four accounts
// to show every balance shape; each has its own credentials (config.ts) and its own members.
// Simplification, on purpose: the four share one store list and one reward catalogue, so every
// demo page works with each of them; in Spendgo each brand has its own.

import type { Account, Member, ProgramDef, ProgramType, RewardDef, Store } from './model';

export const ACCOUNTS: readonly Account[] = [
  { brand: '33559', name: 'Spendgo Demo Café', program: 'points' },
  { brand: '33560', name: 'Spendgo Demo Bakery', program: 'visits' },
  { brand: '33561', name: 'Spendgo Demo Grill', program: 'points_banking' },
  { brand: '33562', name: 'Spendgo Demo Market', program: 'shop_with_points' },
];

export function findAccount(brand: string): Account | undefined {
  return ACCOUNTS.find((account) => account.brand === brand);
}

export const STORES: readonly Store[] = [
  { code: '999999', name: 'Spendgo Demo Store' },
  { code: '100001', name: 'Spendgo Uptown' },
  { code: '100002', name: 'Spendgo Airport Kiosk' },
];

export const REWARD_DEFS: readonly RewardDef[] = [
  {
    id: '2234402',
    label: '$5 Off',
    offer: 'rebate',
    rule: { kind: 'amount_off', amount: 5 },
    value: 5,
    minSubtotal: 10,
    code: '5OFF',
  },
  {
    id: '2234410',
    label: '20% Off Your Order',
    offer: 'discount',
    rule: { kind: 'percent_off', percent: 20, max: 15 },
    minSubtotal: 20,
    stores: ['999999', '100001'],
    code: '20PCT',
  },
  {
    id: 'A18',
    label: 'Free Cookie',
    offer: 'gift',
    rule: { kind: 'free_item', products: ['COOKIE'], item: 'a cookie' },
    value: 2.5,
    code: 'FREECOOKIE',
  },
  {
    id: '2234420',
    label: 'Buy One Sandwich, Get One Free',
    offer: 'gift',
    rule: { kind: 'bogo', products: [], categories: ['sandwich'], buy: 1, get: 1, item: 'sandwiches' },
    value: 9,
    stores: ['999999'],
    code: 'BOGOSANDWICH',
  },
  {
    id: '3100001',
    label: 'Free Coffee',
    offer: 'gift',
    rule: { kind: 'free_item', products: ['COFFEE', 'LATTE'], item: 'a coffee' },
    value: 4,
    stores: ['999999', '100001'],
    code: 'FREECOFFEE',
  },
];

export const PROGRAMS: Readonly<Record<ProgramType, ProgramDef>> = {
  points: { type: 'points', units: 'points', threshold: 50, rewardId: '2234402' },
  visits: { type: 'visits', units: 'visits', threshold: 8, rewardId: '3100001' },
  points_banking: {
    type: 'points_banking',
    units: 'points',
    tiers: [
      { id: 'P_PB100', label: '$10 Off', points: 100, value: 10 },
      { id: 'P_PB200', label: '$20 Off', points: 200, value: 20 },
      { id: 'P_PB300', label: '$30 Off', points: 300, value: 30 },
    ],
  },
  shop_with_points: {
    type: 'shop_with_points',
    units: 'points',
    rewardId: 'P_SWP',
    valuePerPoint: 0.01,
    code: 'SHOPWITHPOINTS',
  },
};

export interface SeedCopy {
  rewardId: string;
  /** Days from the reset until it expires (negative: already expired); null: never. */
  expiresInDays: number | null;
}

/** A seeded member; their program is their account's. */
export interface MemberSeed extends Omit<Member, 'program'> {
  rewards: readonly SeedCopy[];
}

export const MEMBERS: readonly MemberSeed[] = [
  {
    id: '1009029',
    phone: '4155550100',
    email: 'jordan.lee@example.com',
    firstName: 'Jordan',
    lastName: 'Lee',
    brand: '33559',
    balance: 40,
    registered: true,
    rewards: [
      { rewardId: '2234402', expiresInDays: 5 },
      { rewardId: '2234402', expiresInDays: 30 },
      { rewardId: '2234410', expiresInDays: 60 },
      { rewardId: 'A18', expiresInDays: null },
      { rewardId: '2234420', expiresInDays: 14 },
      { rewardId: '3100001', expiresInDays: -1 },
    ],
  },
  {
    id: '1009030',
    phone: '4155550101',
    email: 'sam.rivera@example.com',
    firstName: 'Sam',
    lastName: 'Rivera',
    brand: '33560',
    balance: 6,
    registered: true,
    rewards: [{ rewardId: '3100001', expiresInDays: 21 }],
  },
  {
    id: '1009031',
    phone: '4155550102',
    email: 'avery.chen@example.com',
    firstName: 'Avery',
    lastName: 'Chen',
    brand: '33561',
    balance: 250,
    registered: true,
    rewards: [],
  },
  {
    id: '1009032',
    phone: '4155550103',
    email: 'morgan.patel@example.com',
    firstName: 'Morgan',
    lastName: 'Patel',
    brand: '33562',
    balance: 2000,
    registered: true,
    rewards: [],
  },
  {
    id: '1009033',
    phone: '4155550104',
    email: 'riley.kim@example.com',
    firstName: 'Riley',
    lastName: 'Kim',
    brand: '33559',
    balance: 0,
    registered: true,
    rewards: [],
  },
  {
    id: '1009034',
    phone: '4155550105',
    email: null,
    firstName: '',
    lastName: '',
    brand: '33559',
    balance: 12,
    registered: false,
    rewards: [],
  },
];

/** Spendgo's first transaction id in the sandbox (the docs' example id). */
export const FIRST_TRANSACTION_ID = 5961839;
/** Member ids handed out by `POST /loyalty/accounts` start here. */
export const FIRST_NEW_MEMBER_ID = 1010000;

export function findRewardDef(id: string): RewardDef | undefined {
  return REWARD_DEFS.find((def) => def.id === id);
}

export function findStore(code: string): Store | undefined {
  return STORES.find((store) => store.code === code);
}
