// The OrderLedger's stored shapes (SQLite rows), its state row, and how they are shown to a merchant.

import type { OrderEventView, OrderView } from '../../../shared/wire';
import { chargeTotal } from '../checkout/cart';
import { spendgoTime } from '../spendgo/order-body';
import { DEFAULT_ACCOUNT } from '../env';
import type { OrderEventType, OrderStatus } from './machine';
import type { AuditEntry } from './audit';
import type { PlacedOrder } from './placed';

/** The order as the ledger keeps it: what `placed` resolved from its checkout, plus its progress. */
export interface OrderState extends PlacedOrder {
  clientId: string;
  orderId: string;
  status: OrderStatus;
  transactionId: string | null;
  /** When the hold of a placed, unbilled order ends (ms); the proxy voids it then (hold.ts). */
  holdUntil: number | null;
  /** Whether a copy of the member's reward is held for this order (RewardHolds), to give back. */
  rewardHeld: boolean;
  voidedBy: 'merchant' | 'hold_expired' | null;
  /** Changes a person made by hand, oldest first (audit.ts). */
  audit: AuditEntry[];
}

export type EventState = 'pending' | 'delivered' | 'dead_lettered' | 'needs_reconciliation';

export type EventRow = {
  seq: number;
  type: OrderEventType;
  idempotency_key: string;
  request_hash: string;
  state: EventState;
  attempts: number;
  accepted_at: number;
  next_attempt_at: number | null;
  delivered_at: number | null;
  last_error: string | null;
  /** JSON of the event's own fields (payments, reason). */
  detail: string;
  /** JSON of Spendgo's transaction once delivered. */
  response: string | null;
  /** 1 when Spendgo refused the event (a 4xx): it was not applied, so it cannot be confirmed. */
  refused: number;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS order_state (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  accepted_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  delivered_at INTEGER,
  last_error TEXT,
  detail TEXT NOT NULL,
  response TEXT,
  refused INTEGER NOT NULL DEFAULT 0
);`;

/** Creates the ledger's tables; an events table made before \`refused\` existed gains it. */
export function createSchema(sql: SqlStorage): void {
  sql.exec(SCHEMA);
  const columns = sql.exec<{ name: string }>('PRAGMA table_info(events)').toArray();
  if (!columns.some((c) => c.name === 'refused'))
    sql.exec('ALTER TABLE events ADD COLUMN refused INTEGER NOT NULL DEFAULT 0');
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Defaulted = 'account' | 'holdUntil' | 'rewardHeld' | 'voidedBy' | 'wanted' | 'orderType' | 'audit';

export function readOrderState(sql: SqlStorage): OrderState | null {
  const row = sql.exec<{ data: string }>('SELECT data FROM order_state WHERE id = 1').toArray()[0];
  if (!row) return null;
  // Orders recorded before accounts (or holds) existed: the default account, no hold.
  const stored = JSON.parse(row.data) as Partial<OrderState> & Omit<OrderState, Defaulted>;
  return {
    ...stored,
    account: stored.account ?? DEFAULT_ACCOUNT,
    holdUntil: stored.holdUntil ?? null,
    rewardHeld: stored.rewardHeld ?? false,
    wanted: stored.wanted ?? null,
    orderType: stored.orderType ?? null,
    voidedBy: stored.voidedBy ?? (stored.status === 'voided' ? 'merchant' : null),
    audit: stored.audit ?? [],
  };
}

export function writeOrderState(sql: SqlStorage, state: OrderState): void {
  sql.exec('INSERT OR REPLACE INTO order_state (id, data) VALUES (1, ?)', JSON.stringify(state));
}

/** `blockedBy`: the stopped event this one waits behind, if any. */
export function eventView(row: EventRow, blockedBy: EventRow | null): OrderEventView {
  const response = row.response
    ? (JSON.parse(row.response) as { id: string | null; status: string; discount: number })
    : null;
  return {
    seq: row.seq,
    type: row.type,
    state: row.state,
    accepted_at: new Date(row.accepted_at).toISOString(),
    attempts: row.attempts,
    next_attempt_at: row.state === 'pending' ? iso(row.next_attempt_at) : null,
    delivered_at: iso(row.delivered_at),
    last_error:
      blockedBy !== null && row.state === 'pending'
        ? blockedBy.state === 'needs_reconciliation'
          ? `Waiting: event ${blockedBy.seq} needs reconciliation; confirm or re-drive it first.`
          : `Waiting: event ${blockedBy.seq} was dead-lettered; re-drive it first.`
        : row.last_error,
    spendgo: response && { transaction_id: response.id, status: response.status, discount: response.discount },
    refused: row.refused === 1,
  };
}

/** What the shop charges for the order: subtotal − discounts + tax + tip + delivery. */
export const orderTotal = (state: OrderState): number =>
  chargeTotal(state.cart, state.discount + state.merchantDiscount);

export function orderView(state: OrderState, rows: readonly EventRow[]): OrderView {
  const stopped = rows.find((r) => r.state === 'dead_lettered' || r.state === 'needs_reconciliation');
  return {
    order_id: state.orderId,
    status: state.status === 'new' ? 'placed' : state.status,
    checkout_id: state.checkoutId,
    store: state.store,
    guest: state.memberId === null,
    reward_id: state.rewardId,
    subtotal: state.cart.subtotal,
    validated_discount: state.validatedDiscount,
    wanted: state.wanted === null ? null : spendgoTime(state.wanted),
    order_type: state.orderType,
    discount: state.discount,
    merchant_discount: state.merchantDiscount,
    tax: state.cart.tax ?? 0,
    tip: state.cart.tip ?? 0,
    delivery: state.cart.delivery ?? 0,
    total: orderTotal(state),
    transaction_id: state.transactionId,
    hold_until: state.status === 'placed' || state.status === 'new' ? iso(state.holdUntil) : null,
    voided_by: state.voidedBy,
    events: rows.map((r) => eventView(r, stopped && r.seq > stopped.seq ? stopped : null)),
    audit: state.audit.map((a) => ({
      at: new Date(a.at).toISOString(),
      operator: a.operator,
      action: a.action,
      seq: a.seq,
    })),
  };
}
