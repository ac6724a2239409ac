// One-time and rotating records of the sign-in broker, each in its own Durable Object instance
// so every check-and-update is serialised: a login code (`code:<hash>`), a refresh-token family
// (`family:<id>`, one sign-in) with the DPoP jtis its access tokens have used, or the jtis seen
// at the token endpoint for one key (`dpop:<jkt>`), or one merchant request signature already
// accepted (`merchant-signature:<client>:<mac>`). Alarms erase what expired.

import { DurableObject } from 'cloudflare:workers';
import { err, ok, type Result } from '../../../shared/result';
import { nowSeconds } from '../lib/clock';

export interface LoginRecord {
  clientId: string;
  /** The Spendgo account the member signed in with; their member id is only valid there. */
  account: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  dpopJkt: string | null;
  memberId: string;
  givenName: string;
  authTime: number;
  expiresAt: number;
}

/** Why a code could not be taken. */
export type CodeRefusal =
  /** Already redeemed: the family it produced (if any) must be revoked (RFC 6749 §4.1.2). */
  { kind: 'used'; familyId: string | null } | { kind: 'missing' };

export interface Family {
  clientId: string;
  /** The Spendgo account the member signed in with. */
  account: string;
  memberId: string;
  givenName: string;
  jkt: string;
  authTime: number;
  expiresAt: number;
}

/** Why a refresh secret could not be swapped for the next. */
export type RotationRefusal = 'superseded' | 'reused' | 'unknown' | 'revoked' | 'missing' | 'expired';

/** Why a resource request's proof was not admitted. */
export type ProofRefusal = 'replayed' | 'inactive';

/**
 * How long a just-spent refresh secret is answered as "superseded" rather than as reuse: two
 * requests of one page (or two tabs) that refreshed with the same token at once lost a race,
 * nobody stole anything. After it, presenting a spent secret ends the sign-in.
 */
export const ROTATION_GRACE_SECONDS = 30;

type Row = Record<string, SqlStorageValue>;

/** How long a record outlives its expiry, so a late replay of a code is still recognised. */
const GRACE_SECONDS = 3600;

export class AuthStore extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.createTables();
  }

  /** Also after the alarm erases everything: the instance may stay in memory and be used again. */
  private createTables(): void {
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS record (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, expires_at INTEGER NOT NULL,
        used INTEGER NOT NULL DEFAULT 0, family_id TEXT, secret_hash TEXT, revoked INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS jti (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS spent (hash TEXT PRIMARY KEY, spent_at INTEGER NOT NULL);
    `);
  }

  private row(): Row | undefined {
    return this.sql.exec('SELECT * FROM record WHERE id = 1').toArray()[0];
  }

  private async expireAt(seconds: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    const at = seconds * 1000 + 1000;
    if (current === null || current < at) await this.ctx.storage.setAlarm(at);
  }

  // --- login codes ---

  async putCode(record: LoginRecord): Promise<void> {
    this.sql.exec(
      'INSERT INTO record (id, data, expires_at) VALUES (1, ?, ?)',
      JSON.stringify(record),
      record.expiresAt,
    );
    await this.expireAt(record.expiresAt + GRACE_SECONDS);
  }

  takeCode(now: number): Result<LoginRecord, CodeRefusal> {
    const row = this.row();
    if (!row) return err({ kind: 'missing' });
    if (row['used'] === 1) return err({ kind: 'used', familyId: (row['family_id'] as string | null) ?? null });
    this.sql.exec('UPDATE record SET used = 1 WHERE id = 1');
    const record = JSON.parse(row['data'] as string) as LoginRecord;
    return record.expiresAt < now ? err({ kind: 'missing' }) : ok(record);
  }

  noteFamily(familyId: string): void {
    this.sql.exec('UPDATE record SET family_id = ? WHERE id = 1', familyId);
  }

  // --- refresh-token families ---

  async createFamily(family: Family, secretHash: string): Promise<void> {
    this.sql.exec(
      'INSERT INTO record (id, data, expires_at, secret_hash) VALUES (1, ?, ?, ?)',
      JSON.stringify(family),
      family.expiresAt,
      secretHash,
    );
    await this.expireAt(family.expiresAt + GRACE_SECONDS);
  }

  /**
   * Swaps the current secret for the next. A spent secret presented again ends the whole family
   * (RFC 9700 §4.14.2), unless it was spent within ROTATION_GRACE_SECONDS (a lost race, refused
   * as 'superseded'); a secret that was never this family's ends nothing (knowing a family id
   * must not be enough to sign a member out).
   */
  rotate(presentedHash: string, nextHash: string, now: number): Result<Family, RotationRefusal> {
    const row = this.row();
    if (!row) return err('missing');
    if (row['revoked'] === 1) return err('revoked');
    const family = JSON.parse(row['data'] as string) as Family;
    if (family.expiresAt < now) return err('expired');
    if (row['secret_hash'] !== presentedHash) {
      const spent = this.sql
        .exec<{ spent_at: number }>('SELECT spent_at FROM spent WHERE hash = ?', presentedHash)
        .toArray()[0];
      if (!spent) return err('unknown');
      if (now - spent.spent_at <= ROTATION_GRACE_SECONDS) return err('superseded');
      this.sql.exec('UPDATE record SET revoked = 1 WHERE id = 1');
      return err('reused');
    }
    this.sql.exec('INSERT OR REPLACE INTO spent (hash, spent_at) VALUES (?, ?)', presentedHash, now);
    this.sql.exec('UPDATE record SET secret_hash = ? WHERE id = 1', nextHash);
    return ok(family);
  }

  /** Whether presentedHash is the family's current secret (used to authorise revocation). */
  holds(presentedHash: string): boolean {
    return this.row()?.['secret_hash'] === presentedHash;
  }

  revoke(): void {
    this.sql.exec('UPDATE record SET revoked = 1 WHERE id = 1');
  }

  isActive(now: number): boolean {
    const row = this.row();
    return row !== undefined && row['revoked'] === 0 && (row['expires_at'] as number) >= now;
  }

  /**
   * For a resource request made with this family's access token: refuses a session that was
   * signed out, revoked for reuse or has ended (so an access token dies with it, not minutes
   * later), then a replayed proof — one call for both.
   */
  async admitProof(jti: string, expiresAt: number, now: number): Promise<Result<null, ProofRefusal>> {
    if (!this.isActive(now)) return err('inactive');
    return (await this.useJti(jti, expiresAt, now)) ? ok(null) : err('replayed');
  }

  // --- DPoP jti replay ---

  /** True the first time a jti is seen (within its lifetime), false for a replay. */
  async useJti(jti: string, expiresAt: number, now: number): Promise<boolean> {
    this.sql.exec('DELETE FROM jti WHERE expires_at < ?', now);
    const inserted = this.sql
      .exec('INSERT INTO jti (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING jti', jti, expiresAt)
      .toArray();
    // One alarm is enough: alarm() reschedules itself to the latest jti, so a proof does not
    // have to move the alarm (a storage write) every time.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(expiresAt * 1000 + 1000);
    return inserted.length === 1;
  }

  override async alarm(): Promise<void> {
    const now = nowSeconds();
    this.sql.exec('DELETE FROM jti WHERE expires_at < ?', now);
    const row = this.row();
    const keepRecordUntil = row ? (row['expires_at'] as number) + GRACE_SECONDS : 0;
    const lastJti = this.sql.exec<{ m: number }>('SELECT COALESCE(MAX(expires_at), 0) AS m FROM jti').one().m;
    const until = Math.max(keepRecordUntil, lastJti);
    if (until < now) {
      await this.ctx.storage.deleteAll();
      this.createTables();
    } else await this.ctx.storage.setAlarm(until * 1000 + 1000);
  }
}
