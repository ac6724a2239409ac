// The OrderIndex Durable Object, one per merchant client: one summary row per order (status,
// what needs attention, hold, when placed), kept current by each order's OrderLedger after every
// change, so a merchant (and the operations console) can list orders by status, attention or
// date without visiting every order. Derived data: the ledger is the record, and a summary the
// index missed is sent again by the ledger until it lands (order-ledger.ts, schedule).

import { DurableObject } from 'cloudflare:workers';

export interface OrderSummary {
  orderId: string;
  status: string;
  /** Why a person should look: an event stopped, or a webhook could not be delivered. */
  attention: 'dead_lettered' | 'needs_reconciliation' | 'webhook_failed' | null;
  holdUntil: number | null;
  voidedBy: 'merchant' | 'hold_expired' | null;
  /** When the order's placed was accepted (ms). */
  placedAt: number;
}

export interface OrderQuery {
  status?: string | undefined;
  /** true: any reason; a reason: that one. */
  attention?: boolean | NonNullable<OrderSummary['attention']> | undefined;
  /** Placed, unbilled orders that hold their checkout and reward. */
  held?: boolean | undefined;
  voidedBy?: NonNullable<OrderSummary['voidedBy']> | undefined;
  /** placedAt ≥ from, < to (ms). */
  from?: number | undefined;
  to?: number | undefined;
  /** Orders placed before this one (its placedAt and id), newest first. */
  before?: { placedAt: number; orderId: string } | undefined;
  limit: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  attention TEXT,
  hold_until INTEGER,
  voided_by TEXT,
  placed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orders_placed ON orders (placed_at DESC, order_id DESC);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status, placed_at DESC);
CREATE INDEX IF NOT EXISTS orders_attention ON orders (attention, placed_at DESC) WHERE attention IS NOT NULL;
`;

type Row = {
  order_id: string;
  status: string;
  attention: OrderSummary['attention'];
  hold_until: number | null;
  voided_by: OrderSummary['voidedBy'];
  placed_at: number;
};

export class OrderIndex extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  upsert(s: OrderSummary): void {
    this.sql.exec(
      `INSERT INTO orders (order_id, status, attention, hold_until, voided_by, placed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, attention = excluded.attention,
         hold_until = excluded.hold_until, voided_by = excluded.voided_by`,
      s.orderId,
      s.status,
      s.attention,
      s.holdUntil,
      s.voidedBy,
      s.placedAt,
    );
  }

  /** Newest first, at most `limit`. */
  list(q: OrderQuery): OrderSummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (q.status !== undefined) add('status = ?', q.status);
    if (q.attention === true) add('attention IS NOT NULL');
    else if (q.attention) add('attention = ?', q.attention);
    if (q.held) add('hold_until IS NOT NULL');
    if (q.voidedBy !== undefined) add('voided_by = ?', q.voidedBy);
    if (q.from !== undefined) add('placed_at >= ?', q.from);
    if (q.to !== undefined) add('placed_at < ?', q.to);
    if (q.before)
      add(
        '(placed_at < ? OR (placed_at = ? AND order_id < ?))',
        q.before.placedAt,
        q.before.placedAt,
        q.before.orderId,
      );
    const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY placed_at DESC, order_id DESC LIMIT ?`;
    return this.sql
      .exec<Row>(sql, ...args, q.limit)
      .toArray()
      .map((r) => ({
        orderId: r.order_id,
        status: r.status,
        attention: r.attention,
        holdUntil: r.hold_until,
        voidedBy: r.voided_by,
        placedAt: r.placed_at,
      }));
  }
}
