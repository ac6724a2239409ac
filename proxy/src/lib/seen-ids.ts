// A set of one-time ids in a Durable Object's SQLite storage: an id is accepted the first time
// within its lifetime and refused while it lives; expired ids are forgotten. The caller owns the
// alarm that calls forgetExpired().

export class SeenIds {
  constructor(private readonly sql: SqlStorage) {}

  /** Also after the owner erases its storage: the instance may stay in memory and be used again.
   * WITHOUT ROWID: the id is the row, so a use writes one row, not a row and its key's index
   * (rows written are billed; `npm run bench` counts them). Tables made before keep working. */
  createTable(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS jti (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID');
  }

  /** True the first time `id` is seen (within its lifetime), false for a replay. */
  use(id: string, expiresAt: number, now: number): boolean {
    this.forgetExpired(now);
    const inserted = this.sql
      .exec('INSERT INTO jti (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING jti', id, expiresAt)
      .toArray();
    return inserted.length === 1;
  }

  /** Whether `id` was used and still lives; changes nothing. */
  has(id: string, now: number): boolean {
    return this.sql.exec('SELECT 1 FROM jti WHERE jti = ? AND expires_at >= ?', id, now).toArray().length > 0;
  }

  /** One id held, or null when none is (for an owner that lets only one stand). */
  any(): string | null {
    return this.sql.exec<{ jti: string }>('SELECT jti FROM jti LIMIT 1').toArray()[0]?.jti ?? null;
  }

  forgetExpired(now: number): void {
    this.sql.exec('DELETE FROM jti WHERE expires_at < ?', now);
  }

  /** When the last id still held expires (0 when none is). */
  lastExpiry(): number {
    return this.sql.exec<{ m: number }>('SELECT COALESCE(MAX(expires_at), 0) AS m FROM jti').one().m;
  }
}

/** Schedules `storage`'s alarm for `seconds` unless one is set already: the alarm reschedules
 * itself to the latest expiry when it fires, so a new id need not move it (a storage write). */
export async function ensureAlarm(storage: DurableObjectStorage, seconds: number): Promise<void> {
  if ((await storage.getAlarm()) === null) await storage.setAlarm(seconds * 1000 + 1000);
}
