// The order's webhooks to its merchant backend, a table beside the events in the OrderLedger's
// SQLite: each written in the same transaction as the change it reports, with its body fixed
// then (so every retry sends the same bytes and id), delivered from the ledger's alarm, retried
// with backoff until the merchant's URL answers 2xx, and after the last attempt marked failed
// (shown on the order). Independent of the events' order: a failing webhook holds back nothing.

import type { OrderView, WebhookEvent } from '../../../shared/wire';
import { backoffMs } from '../order-ledger/delivery';

export const WEBHOOK_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_error TEXT
) WITHOUT ROWID;`;

type WebhookRow = {
  id: string;
  type: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
  last_error: string | null;
};

export interface WebhookPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
}

/** How one attempt went: the URL's 2xx, or why not. */
export type WebhookAttempt = { ok: true } | { ok: false; error: string };

export class WebhookOutbox {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec(WEBHOOK_SCHEMA);
  }

  add(event: WebhookEvent, now: number): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO webhooks (id, type, body, state, created_at, next_attempt_at) VALUES (?, ?, ?, 'pending', ?, ?)",
      event.id,
      event.type,
      JSON.stringify(event),
      now,
      now,
    );
  }

  /** Pending webhooks due by `now`, oldest first. */
  due(now: number): WebhookRow[] {
    return this.sql
      .exec<WebhookRow>(
        "SELECT * FROM webhooks WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at, id",
        now,
      )
      .toArray();
  }

  /** When the next pending webhook is due, if any. */
  nextDue(): number | null {
    const row = this.sql
      .exec<{ at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM webhooks WHERE state = 'pending'")
      .one();
    return row.at;
  }

  record(row: WebhookRow, attempt: WebhookAttempt, policy: WebhookPolicy, now: number, random: number): void {
    const attempts = row.attempts + 1;
    if (attempt.ok) {
      this.sql.exec(
        "UPDATE webhooks SET state = 'delivered', attempts = ?, last_error = NULL WHERE id = ?",
        attempts,
        row.id,
      );
      return;
    }
    const failed = attempts >= policy.maxAttempts;
    this.sql.exec(
      'UPDATE webhooks SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?',
      failed ? 'failed' : 'pending',
      attempts,
      failed ? null : now + backoffMs(attempts, policy.retryBaseMs, policy.retryMaxMs, random),
      failed ? `Gave up after ${attempts} attempts; last: ${attempt.error}` : attempt.error,
      row.id,
    );
  }

  view(): OrderView['webhooks'] {
    return this.sql
      .exec<WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id')
      .toArray()
      .map((r) => ({ id: r.id, type: r.type, state: r.state, attempts: r.attempts, last_error: r.last_error }));
  }
}
