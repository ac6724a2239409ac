// Keeps an order's row in its client's OrderIndex current: after every change the OrderLedger
// hands over the order as it stands, and its summary is sent when it differs from the last one
// the index took (remembered in the ledger's own SQLite, so a restart sends nothing twice and
// misses nothing). When the index cannot be reached the ledger tries again from its alarm.

import type { OrderView } from '../../../shared/wire';
import type { OrderNeighbours } from './neighbours';
import type { OrderSummary } from './order-index';
import type { EventRow, OrderState } from './records';

const SCHEMA = 'CREATE TABLE IF NOT EXISTS indexed (id INTEGER PRIMARY KEY CHECK (id = 1), summary TEXT NOT NULL)';

/** The order's row in its client's OrderIndex. Pure. */
export function orderSummary(
  state: OrderState,
  rows: readonly EventRow[],
  webhooks: NonNullable<OrderView['webhooks']>,
): OrderSummary {
  const stopped = rows.find((r) => r.state === 'dead_lettered' || r.state === 'needs_reconciliation');
  return {
    orderId: state.orderId,
    status: state.status === 'new' ? 'placed' : state.status,
    attention: stopped
      ? (stopped.state as 'dead_lettered' | 'needs_reconciliation')
      : webhooks.some((w) => w.state === 'failed')
        ? 'webhook_failed'
        : null,
    holdUntil: state.status === 'placed' ? state.holdUntil : null,
    voidedBy: state.voidedBy,
    placedAt: rows[0]?.accepted_at ?? 0,
  };
}

export class IndexFeed {
  private readonly sql: SqlStorage;
  private readonly neighbours: OrderNeighbours;

  constructor(sql: SqlStorage, neighbours: OrderNeighbours) {
    this.sql = sql;
    this.neighbours = neighbours;
    sql.exec(SCHEMA);
  }

  /** True once the index has the order as it stands (sent now, or already). */
  async keep(
    state: OrderState | null,
    rows: readonly EventRow[],
    webhooks: NonNullable<OrderView['webhooks']>,
  ): Promise<boolean> {
    if (!state) return true;
    const summary = orderSummary(state, rows, webhooks);
    const text = JSON.stringify(summary);
    const last = this.sql.exec<{ summary: string }>('SELECT summary FROM indexed WHERE id = 1').toArray()[0];
    if (last?.summary === text) return true;
    if (!(await this.neighbours.index(state.clientId, summary))) return false;
    this.sql.exec('INSERT OR REPLACE INTO indexed (id, summary) VALUES (1, ?)', text);
    return true;
  }
}
