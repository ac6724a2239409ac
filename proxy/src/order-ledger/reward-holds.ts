// The RewardHolds Durable Object, one per member of one Spendgo account: which of the member's
// reward copies are held by placed, unbilled orders (hold.ts decides). An order takes its hold
// at `placed`, in the same step as its checkout claim, so two orders cannot both take the one
// copy a member has; it gives it back once Spendgo has the `billed` (consumed) or the `voided`
// (released). Rewards by store reads it, so every tab and device shows the copy as held.

import { DurableObject } from 'cloudflare:workers';
import type { Result } from '../../../shared/result';
import { platformPorts, type Ports } from '../ports';
import type { Refusal } from '../refusal';
import { mayHold, type RewardHold } from './hold';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS holds (
  order_key TEXT PRIMARY KEY,
  reward_id TEXT NOT NULL,
  placed_at INTEGER NOT NULL,
  until INTEGER NOT NULL
);`;

/** A hold past its end by more than this is erased: its order has long been voided. */
const KEEP_ENDED_MS = 24 * 3600 * 1000;

type Row = { order_key: string; reward_id: string; placed_at: number; until: number };

export class RewardHolds extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly ports: Ports;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ports = platformPorts(env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  private holds(): RewardHold[] {
    const cutoff = this.ports.nowMs() - KEEP_ENDED_MS;
    this.sql.exec('DELETE FROM holds WHERE until < ?', cutoff);
    return this.sql
      .exec<Row>('SELECT * FROM holds')
      .toArray()
      .map((r) => ({ orderKey: r.order_key, rewardId: r.reward_id, placedAt: r.placed_at, until: r.until }));
  }

  /** Takes a copy of the reward for the order, or says which order holds the last one. */
  take(hold: RewardHold, copies: number): Result<'new' | 'already', Refusal> {
    const decision = mayHold(this.holds(), hold.orderKey, hold.rewardId, copies, this.ports.nowMs());
    if (decision.ok && decision.value === 'new')
      this.sql.exec(
        'INSERT INTO holds (order_key, reward_id, placed_at, until) VALUES (?, ?, ?, ?)',
        hold.orderKey,
        hold.rewardId,
        hold.placedAt,
        hold.until,
      );
    return decision;
  }

  /** The order's hold now ends at `until` (extended by the merchant). */
  extend(orderKey: string, until: number): void {
    this.sql.exec('UPDATE holds SET until = ? WHERE order_key = ?', until, orderKey);
  }

  /** The order no longer holds its copy: Spendgo consumed it (billed) or released it (voided). */
  release(orderKey: string): void {
    this.sql.exec('DELETE FROM holds WHERE order_key = ?', orderKey);
  }

  /** The holds still live, for the member's rewards listing. */
  live(): RewardHold[] {
    const now = this.ports.nowMs();
    return this.holds().filter((h) => h.until > now);
  }
}
