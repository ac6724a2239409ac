// The shapes the sandbox's order lifecycle works with: the stored order, the ledger entries and
// changes one request produces, the answer, and the slice of the world a request sees. Types only.

import type { Member, RewardCopy } from './model';
import type { OrderRequest } from './wire';

export type OrderStatus = 'placed' | 'billed' | 'completed' | 'voided' | 'refunded';

export interface OrderRecord {
  brand: string;
  memberId: string;
  orderId: string;
  store: string;
  status: OrderStatus;
  rewardId: string | null;
  discount: number;
  transactionId: string | null;
  consumedCopyId: number | null;
  pointsSpent: number;
  pointsEarned: number;
  issuedCopyIds: number[];
}

export type LedgerKind = 'earn' | 'redeem' | 'restore' | 'reverse' | 'issue' | 'revoke';

export interface LedgerEntry {
  memberId: string;
  kind: LedgerKind;
  units: number;
  rewardId: string | null;
  orderId: string | null;
  note: string;
}

export interface OrderChanges {
  order: OrderRecord | null;
  balanceDelta: number;
  consumeCopyId: number | null;
  restoreCopyIds: number[];
  revokeCopyIds: number[];
  issueCopies: RewardCopy[];
  ledger: LedgerEntry[];
}

export interface Transaction {
  id?: string;
  status: OrderRequest['status'];
  discount?: number;
  message?: string;
}

export type OrderOutcome =
  | { ok: true; transaction: Transaction; changes: OrderChanges }
  | { ok: false; httpStatus: number; code: number; details: string };

export interface OrderWorld {
  brand: string;
  /** null for `guest` orders. */
  member: Member | null;
  /** The member's available, unexpired copies, soonest expiry first. */
  copies: readonly RewardCopy[];
  /** The order this request refers to, if Spendgo has seen it. */
  order: OrderRecord | null;
  nextTransactionId: string;
  nextCopyId: number;
  /** `YYYY-MM-DD` expiry for copies issued today. */
  issuedExpiry: string;
  /** The `refund_before_completion` compatibility switch. */
  refundBeforeCompletion?: boolean;
}
