// The LoginCodeStore Durable Object: one proxy login code (one instance per code's hash), from
// the callback that issues it to the token request that redeems it, once. A second redemption
// is answered with the sign-in the first one produced, so the token route can end it
// (RFC 6749 §4.1.2). The record outlives its expiry by an hour, so a late replay is still
// recognised as one, then its alarm erases it.

import { DurableObject } from 'cloudflare:workers';
import { err, ok, type Result } from '../../../shared/result';

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
  /** How long the sign-in may last; absent for a Spendgo sign-in (the 30-day default). A
   * sign-in made by joining at checkout is shorter: its phone number was not verified. */
  sessionSeconds?: number;
}

/** Why a code could not be taken. */
export type CodeRefusal =
  /** Already redeemed: the sign-in it produced (if any) must be revoked (RFC 6749 §4.1.2). */
  { kind: 'used'; familyId: string | null } | { kind: 'missing' };

const GRACE_SECONDS = 3600;

export class LoginCodeStore extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.createTable();
  }

  private createTable(): void {
    this.sql.exec(`CREATE TABLE IF NOT EXISTS code (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL,
      expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0, family_id TEXT)`);
  }

  async putCode(record: LoginRecord): Promise<void> {
    this.sql.exec('INSERT INTO code (id, data, expires_at) VALUES (1, ?, ?)', JSON.stringify(record), record.expiresAt);
    await this.ctx.storage.setAlarm((record.expiresAt + GRACE_SECONDS) * 1000 + 1000);
  }

  takeCode(now: number): Result<LoginRecord, CodeRefusal> {
    const row = this.sql.exec('SELECT data, used, family_id FROM code WHERE id = 1').toArray()[0];
    if (!row) return err({ kind: 'missing' });
    if (row['used'] === 1) return err({ kind: 'used', familyId: (row['family_id'] as string | null) ?? null });
    this.sql.exec('UPDATE code SET used = 1 WHERE id = 1');
    const record = JSON.parse(row['data'] as string) as LoginRecord;
    return record.expiresAt < now ? err({ kind: 'missing' }) : ok(record);
  }

  /** Remembers the sign-in this code produced, for the answer to a second redemption. */
  noteFamily(familyId: string): void {
    this.sql.exec('UPDATE code SET family_id = ? WHERE id = 1', familyId);
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.createTable();
  }
}
