// The SignInStore Durable Object: one sign-in (a refresh-token family), one instance per family,
// so each rotation is serialised. It holds the family's current refresh secret (by hash), the
// secrets it has spent, whether it was revoked, and the DPoP proof jtis its access tokens have
// used. An alarm forgets expired jtis and erases the sign-in an hour after it ends.

import { DurableObject } from 'cloudflare:workers';
import { err, ok, type Result } from '../../../shared/result';
import { nowSeconds } from '../lib/clock';
import { ensureAlarm, SeenIds } from '../lib/seen-ids';

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

/** How long a sign-in's record outlives its end, so a late refresh is told it ended. */
const GRACE_SECONDS = 3600;

type Row = Record<string, SqlStorageValue>;

export class SignInStore extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly proofs: SeenIds;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.proofs = new SeenIds(this.sql);
    this.createTables();
  }

  private createTables(): void {
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS family (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL,
        expires_at INTEGER NOT NULL, secret_hash TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS spent (hash TEXT PRIMARY KEY, spent_at INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.proofs.createTable();
  }

  private row(): Row | undefined {
    return this.sql.exec('SELECT * FROM family WHERE id = 1').toArray()[0];
  }

  async createFamily(family: Family, secretHash: string): Promise<void> {
    this.sql.exec(
      'INSERT INTO family (id, data, expires_at, secret_hash) VALUES (1, ?, ?, ?)',
      JSON.stringify(family),
      family.expiresAt,
      secretHash,
    );
    await this.ctx.storage.setAlarm((family.expiresAt + GRACE_SECONDS) * 1000 + 1000);
  }

  /**
   * Swaps the current secret for the next. A spent secret presented again ends the whole family
   * (RFC 9700 §4.14.2), unless it was spent within ROTATION_GRACE_SECONDS (a lost race, refused
   * as 'superseded') by the sign-in's own client and DPoP key: from anyone else it is theft and
   * ends the family too. A secret that was never this family's ends nothing (knowing a family id
   * must not be enough to sign a member out).
   */
  rotate(
    presentedHash: string,
    nextHash: string,
    now: number,
    presenter: Pick<Family, 'clientId' | 'jkt'>,
  ): Result<Family, RotationRefusal> {
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
      const ownRace = presenter.clientId === family.clientId && presenter.jkt === family.jkt;
      if (ownRace && now - spent.spent_at <= ROTATION_GRACE_SECONDS) return err('superseded');
      this.revoke();
      return err('reused');
    }
    this.sql.exec('INSERT OR REPLACE INTO spent (hash, spent_at) VALUES (?, ?)', presentedHash, now);
    this.sql.exec('UPDATE family SET secret_hash = ? WHERE id = 1', nextHash);
    return ok(family);
  }

  /** Whether presentedHash is one of the family's secrets, current or spent (authorises sign-out:
   * a spent secret presented anywhere else ends the family anyway). */
  knows(presentedHash: string): boolean {
    if (this.row()?.['secret_hash'] === presentedHash) return true;
    return this.sql.exec('SELECT 1 FROM spent WHERE hash = ?', presentedHash).toArray().length > 0;
  }

  revoke(): void {
    this.sql.exec('UPDATE family SET revoked = 1 WHERE id = 1');
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
    const fresh = this.proofs.use(jti, expiresAt, now);
    await ensureAlarm(this.ctx.storage, expiresAt);
    return fresh ? ok(null) : err('replayed');
  }

  override async alarm(): Promise<void> {
    const now = nowSeconds();
    this.proofs.forgetExpired(now);
    const row = this.row();
    const keepFamilyUntil = row ? (row['expires_at'] as number) + GRACE_SECONDS : 0;
    const until = Math.max(keepFamilyUntil, this.proofs.lastExpiry());
    if (until < now) {
      await this.ctx.storage.deleteAll();
      this.createTables();
    } else await this.ctx.storage.setAlarm(until * 1000 + 1000);
  }
}
