// The RecoveryBoard Durable Object, one per merchant client: the client's orders whose next
// event failed and waits in backoff. An order is put on it when a delivery attempt fails and
// taken off when it is delivered or stops; a delivery after failures means Spendgo answers
// again, and the board's alarm then wakes waiting orders (recovery.ts decides which), so a
// backlog drains as soon as Spendgo is back rather than when each order's backoff runs out.
// An accelerator only: every order keeps its own alarm, so a lost board loses no event.

import { DurableObject } from 'cloudflare:workers';
import { orderLedger } from '../durable-objects';
import { platformPorts, type Ports } from '../ports';
import { IN_FLIGHT_MS, toWake, WINDOW, type WaitingRow } from './recovery';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS waiting (
  order_id TEXT PRIMARY KEY,
  due_at INTEGER NOT NULL,
  woken_at INTEGER
);
CREATE INDEX IF NOT EXISTS waiting_due ON waiting (due_at);
CREATE TABLE IF NOT EXISTS board (client_id TEXT NOT NULL);
`;

export class RecoveryBoard extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly ports: Ports;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ports = platformPorts(env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** `orderId`'s next event failed; its own backoff tries again at `dueAt`. */
  waiting(clientId: string, orderId: string, dueAt: number): void {
    this.remember(clientId);
    this.sql.exec(
      'INSERT INTO waiting (order_id, due_at, woken_at) VALUES (?, ?, NULL) ON CONFLICT (order_id) DO UPDATE SET due_at = excluded.due_at, woken_at = NULL',
      orderId,
      dueAt,
    );
  }

  /** `orderId` was delivered after failing: Spendgo answers again, so wake the next waiting orders. */
  async delivered(orderId: string): Promise<void> {
    this.sql.exec('DELETE FROM waiting WHERE order_id = ?', orderId);
    const now = this.ports.nowMs();
    if (this.candidates(now).length > 0) await this.ctx.storage.setAlarm(now);
  }

  /** `orderId` stopped (dead-lettered or awaiting reconciliation): nothing to wake it for. */
  stopped(orderId: string): void {
    this.sql.exec('DELETE FROM waiting WHERE order_id = ?', orderId);
  }

  /** How many orders wait (for tests and operations). */
  size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM waiting').one().n;
  }

  override async alarm(): Promise<void> {
    const clientId = this.sql.exec<{ client_id: string }>('SELECT client_id FROM board').toArray()[0]?.client_id;
    if (!clientId) return;
    const now = this.ports.nowMs();
    const wake = toWake(this.candidates(now), now);
    for (const orderId of wake) this.sql.exec('UPDATE waiting SET woken_at = ? WHERE order_id = ?', now, orderId);
    await Promise.all(
      wake.map((orderId) =>
        orderLedger(this.env.ORDER_LEDGER, clientId, orderId)
          .nudge()
          .catch(() => undefined),
      ),
    );
  }

  /** The rows toWake() needs: those in flight and the soonest due of the rest (bounded reads). */
  private candidates(now: number): WaitingRow[] {
    const since = now - IN_FLIGHT_MS;
    const inFlight = this.sql
      .exec<WaitingRow>('SELECT * FROM waiting WHERE woken_at > ? LIMIT ?', since, WINDOW)
      .toArray();
    if (inFlight.length >= WINDOW) return inFlight;
    const asleep = this.sql
      .exec<WaitingRow>(
        'SELECT * FROM waiting WHERE woken_at IS NULL OR woken_at <= ? ORDER BY due_at, order_id LIMIT ?',
        since,
        WINDOW,
      )
      .toArray();
    return [...inFlight, ...asleep];
  }

  private remember(clientId: string): void {
    if (this.sql.exec('SELECT 1 FROM board').toArray().length === 0)
      this.sql.exec('INSERT INTO board (client_id) VALUES (?)', clientId);
  }
}
