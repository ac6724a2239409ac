// SQLite layout of the sandbox's Durable Object and the fixture seeding. Knows SQL, not HTTP.

import { findAccount, FIRST_NEW_MEMBER_ID, FIRST_TRANSACTION_ID, MEMBERS } from '../core/fixtures';
import type { Member } from '../core/model';

export const TABLES = [
  'members',
  'copies',
  'orders',
  'replies',
  'ledger',
  'meta',
  'auth_requests',
  'auth_codes',
  'tokens',
  'consents',
  'request_log',
] as const;

/** Bumped when the layout changes; a store written with another layout is emptied and seeded again. */
const LAYOUT_VERSION = '2';

const DDL = `
CREATE TABLE IF NOT EXISTS members (id TEXT PRIMARY KEY, brand TEXT NOT NULL, phone TEXT NOT NULL, email TEXT,
  data TEXT NOT NULL, UNIQUE (brand, phone), UNIQUE (brand, email));
CREATE TABLE IF NOT EXISTS copies (id INTEGER PRIMARY KEY, member_id TEXT NOT NULL, reward_id TEXT NOT NULL,
  expires_on TEXT, state TEXT NOT NULL, order_key TEXT);
CREATE INDEX IF NOT EXISTS copies_member ON copies (member_id, state);
CREATE TABLE IF NOT EXISTS orders (key TEXT PRIMARY KEY, member_id TEXT NOT NULL, transaction_id TEXT UNIQUE, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, member_id TEXT NOT NULL,
  kind TEXT NOT NULL, units REAL NOT NULL, reward_id TEXT, order_id TEXT, note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_member ON ledger (member_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS auth_requests (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS auth_codes (code TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, member_id TEXT NOT NULL, client_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS consents (member_id TEXT NOT NULL, client_id TEXT NOT NULL, PRIMARY KEY (member_id, client_id));
CREATE TABLE IF NOT EXISTS request_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, method TEXT NOT NULL,
  path TEXT NOT NULL, status INTEGER NOT NULL, detail TEXT NOT NULL);
`;

/** Creates the tables; true when they had to be (re)made empty, so the caller seeds them. */
export function createSchema(sql: SqlStorage): boolean {
  const hasMeta = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length > 0;
  const layout = hasMeta
    ? sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'layout'").toArray()[0]?.value
    : undefined;
  if (hasMeta && layout !== LAYOUT_VERSION) for (const table of TABLES) sql.exec(`DROP TABLE IF EXISTS ${table}`);
  sql.exec(DDL);
  return layout !== LAYOUT_VERSION;
}

export function addDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function writeMember(sql: SqlStorage, member: Member): void {
  sql.exec(
    'INSERT OR REPLACE INTO members (id, brand, phone, email, data) VALUES (?, ?, ?, ?, ?)',
    member.id,
    member.brand,
    member.phone,
    member.email,
    JSON.stringify(member),
  );
}

/** Empties every table and writes the fixtures again; expiry dates are relative to `today`. */
export function seed(sql: SqlStorage, today: string): void {
  for (const table of TABLES) sql.exec(`DELETE FROM ${table}`);
  sql.exec("DELETE FROM sqlite_sequence WHERE name IN ('ledger', 'request_log')");
  for (const { rewards, ...member } of MEMBERS) {
    writeMember(sql, { ...member, program: findAccount(member.brand)!.program });
    for (const copy of rewards) {
      const expires = copy.expiresInDays === null ? null : addDays(today, copy.expiresInDays);
      sql.exec(
        "INSERT INTO copies (member_id, reward_id, expires_on, state) VALUES (?, ?, ?, 'available')",
        member.id,
        copy.rewardId,
        expires,
      );
    }
  }
  sql.exec("INSERT INTO meta (key, value) VALUES ('next_transaction', ?)", String(FIRST_TRANSACTION_ID));
  sql.exec("INSERT INTO meta (key, value) VALUES ('next_member', ?)", String(FIRST_NEW_MEMBER_ID));
  sql.exec("INSERT INTO meta (key, value) VALUES ('faults', '{}')");
  sql.exec("INSERT INTO meta (key, value) VALUES ('layout', ?)", LAYOUT_VERSION);
}
