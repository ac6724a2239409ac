// The element's state vocabulary, in one place: each controller's status, the phase the
// element shows, and the view the templates render from. Controllers, the pure view model and
// the templates all import from here; nothing here imports from them.

import type { Balance, CheckoutRefusalReason, Reward } from '../../shared/wire-types';

/** The member's session: unknown → signed-out | signing-in → signed-in. */
export type AuthStatus = 'unknown' | 'signed-out' | 'signing-in' | 'signed-in';

/** The balance and rewards: `offline` keeps the last good answer after a network failure. */
export type LoyaltyStatus = 'idle' | 'loading' | 'ready' | 'error' | 'offline';

/** The cart's validation: `validating` from the moment it is asked for until Spendgo answers. */
export type CheckoutStatus = 'idle' | 'validating' | 'valid' | 'not-applied' | 'error';

export interface LoyaltyData {
  balance: Balance;
  rewards: Reward[];
  /** When this data was fetched (ms since the epoch). */
  fetchedAt: number;
}

/** Which body the element shows. */
export type Phase = 'unconfigured' | 'loading' | 'signed-out' | 'signing-in' | 'ready' | 'error' | 'offline';

/** What the templates render from. */
export interface View {
  locale: string;
  currency: string;
  testMode: boolean;
  phase: Phase;
  allowGuest: boolean;
  givenName: string | null;
  balance: Balance | null;
  rewards: readonly Reward[];
  fetchedAt: number | null;
  selectedId: string | null;
  /** Shop With Points: how much of the value the member chose to use (null = all). */
  amount: number | null;
  checkout: {
    status: CheckoutStatus;
    discount: number;
    /** Why the chosen reward does not apply (null: it applies, or the proxy gave no code). */
    reason: CheckoutRefusalReason | null;
    message: string | null;
  };
  error: string | null;
  /** Why the last sign-in did not finish, shown with "Sign in again". */
  signInProblem: string | null;
  /** Where the page offers joining (`join-terms`): the points this order would earn (0 when
   * the page gives no rate); else null. */
  join: number | null;
  now: number;
}

/** What the templates may call. */
export interface Handlers {
  signIn: () => void;
  signOut: () => void;
  retry: () => void;
  select: (reward: Reward | null) => void;
  amount: (value: number | null) => void;
  /** The shopper took the join offer: the form's chunk is asked for. */
  join: () => void;
}
