// The order's outbox table: its events in order, each pending, delivered, dead-lettered or
// awaiting reconciliation, and the writes one delivery step makes. SQL only; the OrderLedger
// decides when to call what, and wraps multi-statement changes in one transaction.

import { err, ok, type Result } from '../../../shared/result';
import { refusal, type Refusal } from '../refusal';
import type { SpendgoTransaction } from '../spendgo/wire';
import type { DeliveryOutcome } from './delivery';
import type { OrderEventType } from './machine';
import type { EventRow, EventState, OrderState } from './records';

const STOPPED: readonly EventState[] = ['dead_lettered', 'needs_reconciliation'];

export const isStopped = (row: EventRow): boolean => STOPPED.includes(row.state);

/** Event `seq` if it has stopped (dead-lettered, or awaiting reconciliation), else a refusal. */
export function stoppedEvent(
  row: EventRow | undefined,
  state: OrderState | null,
  seq: number,
): Result<{ row: EventRow; state: OrderState }, Refusal> {
  if (!row || !state) return err(refusal('event_not_found', `No event ${seq} on this order.`));
  if (!isStopped(row))
    return err(
      refusal('event_not_stopped', `Event ${seq} is ${row.state}; only a stopped event can be re-driven or confirmed.`),
    );
  return ok({ row, state });
}

/** Why a stopped event cannot be confirmed as applied: Spendgo said no to it, so it was not, and
 * saying it was would let later events act on an order Spendgo does not hold as this one
 * (another storefront's, say). Null when it may be. */
export function unconfirmable(row: EventRow): Refusal | null {
  if (!row.refused) return null;
  return refusal(
    'event_refused',
    `Spendgo refused event ${row.seq}, so it was not applied and cannot be confirmed; re-drive it once the cause is fixed, or void the order.`,
  );
}

export class Outbox {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  rows(): EventRow[] {
    return this.sql.exec<EventRow>('SELECT * FROM events ORDER BY seq').toArray();
  }

  row(seq: number): EventRow | undefined {
    return this.sql.exec<EventRow>('SELECT * FROM events WHERE seq = ?', seq).toArray()[0];
  }

  byType(type: OrderEventType): EventRow {
    return this.sql.exec<EventRow>('SELECT * FROM events WHERE type = ?', type).one();
  }

  add(type: OrderEventType, idempotencyKey: string, requestHash: string, detail: object, now: number): void {
    this.sql.exec(
      `INSERT INTO events (type, idempotency_key, request_hash, state, accepted_at, next_attempt_at, detail) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      type,
      idempotencyKey,
      requestHash,
      now,
      now,
      JSON.stringify(detail),
    );
  }

  /** The first event still to deliver, unless an earlier one has stopped (order is strict). */
  nextPending(): EventRow | null {
    for (const row of this.rows()) {
      if (isStopped(row)) return null;
      if (row.state === 'pending') return row;
    }
    return null;
  }

  countAttempt(seq: number, attempt: number): void {
    this.sql.exec('UPDATE events SET attempts = ? WHERE seq = ?', attempt, seq);
  }

  /** What one delivery attempt came to. */
  record(seq: number, step: DeliveryOutcome, now: number): void {
    switch (step.kind) {
      case 'delivered':
        this.deliver(seq, step.transaction, null, now);
        return;
      case 'retry':
        this.sql.exec('UPDATE events SET next_attempt_at = ?, last_error = ? WHERE seq = ?', step.at, step.error, seq);
        return;
      case 'dead':
      case 'reconcile':
        this.sql.exec(
          'UPDATE events SET state = ?, last_error = ?, refused = ? WHERE seq = ?',
          step.kind === 'dead' ? 'dead_lettered' : 'needs_reconciliation',
          step.reason,
          step.kind === 'dead' && step.refused ? 1 : 0,
          seq,
        );
    }
  }

  /** Delivered, with Spendgo's answer (or, when the merchant confirms, the answer as it must have been). */
  deliver(seq: number, transaction: SpendgoTransaction, note: string | null, now: number): void {
    this.sql.exec(
      "UPDATE events SET state = 'delivered', delivered_at = ?, response = ?, last_error = ? WHERE seq = ?",
      now,
      JSON.stringify(transaction),
      note,
      seq,
    );
  }

  /** Due now rather than at its backoff time (Spendgo answers again). */
  dueNow(seq: number, now: number): void {
    this.sql.exec('UPDATE events SET next_attempt_at = MIN(next_attempt_at, ?) WHERE seq = ?', now, seq);
  }

  /** Back in line, as if new. */
  reopen(seq: number, now: number): void {
    this.sql.exec(
      "UPDATE events SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, refused = 0 WHERE seq = ?",
      now,
      seq,
    );
  }
}
