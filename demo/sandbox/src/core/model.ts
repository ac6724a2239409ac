// The sandbox's world: members, programs, reward definitions and reward copies.
// Types only; the rules that act on them live in the other core modules.

export type ProgramType = 'points' | 'visits' | 'points_banking' | 'shop_with_points';

/** A Spendgo account (brand): one program type for all its members. */
export interface Account {
  brand: string;
  name: string;
  program: ProgramType;
}

/** How a reward computes its discount against a basket. */
export type RewardRule =
  | { kind: 'amount_off'; amount: number }
  | { kind: 'percent_off'; percent: number; max?: number }
  /** One qualifying item free (the most expensive qualifying unit); `item` names it in messages. */
  | { kind: 'free_item'; products: readonly string[]; categories?: readonly string[]; item: string }
  /** Buy `buy` qualifying units, get the `get` cheapest of them free. */
  | {
      kind: 'bogo';
      products: readonly string[];
      categories?: readonly string[];
      buy: number;
      get: number;
      /** Plural noun for messages, e.g. "sandwiches". */
      item: string;
    };

export type Offer = 'rebate' | 'discount' | 'gift';

export interface RewardDef {
  id: string;
  label: string;
  offer: Offer;
  rule: RewardRule;
  /** Projected value shown in listings; the orders call computes the real amount. */
  value?: number;
  minSubtotal?: number;
  /** Store codes where the reward may be redeemed; absent means every store. */
  stores?: readonly string[];
  code: string;
}

export interface BankingTier {
  id: `P_${string}`;
  label: string;
  points: number;
  value: number;
}

export type ProgramDef =
  | { type: 'points' | 'visits'; units: 'points' | 'visits'; threshold: number; rewardId: string }
  | { type: 'points_banking'; units: 'points'; tiers: readonly BankingTier[] }
  | { type: 'shop_with_points'; units: 'points'; rewardId: `P_${string}`; valuePerPoint: number; code: string };

export interface Member {
  id: string;
  phone: string;
  email: string | null;
  firstName: string;
  lastName: string;
  /** The account the member belongs to; `program` is always that account's. */
  brand: string;
  program: ProgramType;
  /** Balance in the program's units (points or visits). May go negative after a refund. */
  balance: number;
  /** Registered members (phone + email + password) can sign in; Starter members cannot. */
  registered: boolean;
}

export type CopyState = 'available' | 'consumed' | 'revoked';

/** One copy of a reward held by a member. */
export interface RewardCopy {
  id: number;
  memberId: string;
  rewardId: string;
  /** `YYYY-MM-DD`, or null when the copy never expires. */
  expiresOn: string | null;
  state: CopyState;
}

export interface Store {
  code: string;
  name: string;
}
