// What the templates render from: a plain view model and the handlers they may call.

import type { Balance, Reward } from '../../../shared/wire';
import type { CheckoutStatus } from '../controllers/checkout-controller';

export type Phase = 'unconfigured' | 'loading' | 'signed-out' | 'signing-in' | 'ready' | 'error' | 'offline';

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
  checkout: { status: CheckoutStatus; discount: number; message: string | null };
  error: string | null;
  /** Why the last sign-in did not finish, shown with "Sign in again". */
  signInProblem: string | null;
  now: number;
}

export interface Handlers {
  signIn: () => void;
  signOut: () => void;
  retry: () => void;
  select: (reward: Reward | null) => void;
  amount: (value: number | null) => void;
}
