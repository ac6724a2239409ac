// Storage for the sandbox's OAuth: pending sign-in requests, one-time codes, access tokens and
// remembered consent. Functions over the Durable Object's SQL; the HTTP side is routes/oauth.ts.

import type { Member } from '../core/model';

export interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  memberId: string | null;
}

const REQUEST_TTL_MS = 15 * 60_000;
const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_MS = 60 * 60_000;

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function startRequest(sql: SqlStorage, request: Omit<AuthRequest, 'memberId'>, now: number): string {
  sql.exec('DELETE FROM auth_requests WHERE expires_at < ?', now);
  const id = randomHex(16);
  const data: AuthRequest = { ...request, memberId: null };
  sql.exec(
    'INSERT INTO auth_requests (id, data, expires_at) VALUES (?, ?, ?)',
    id,
    JSON.stringify(data),
    now + REQUEST_TTL_MS,
  );
  return id;
}

export function readRequest(sql: SqlStorage, id: string, now: number): AuthRequest | null {
  const row = sql
    .exec<{ data: string }>('SELECT data FROM auth_requests WHERE id = ? AND expires_at >= ?', id, now)
    .toArray()[0];
  return row ? (JSON.parse(row.data) as AuthRequest) : null;
}

export function chooseMember(sql: SqlStorage, id: string, memberId: string): void {
  const row = sql.exec<{ data: string }>('SELECT data FROM auth_requests WHERE id = ?', id).one();
  const data = { ...(JSON.parse(row.data) as AuthRequest), memberId };
  sql.exec('UPDATE auth_requests SET data = ? WHERE id = ?', JSON.stringify(data), id);
}

export function hasConsent(sql: SqlStorage, memberId: string, clientId: string): boolean {
  return (
    sql.exec('SELECT 1 FROM consents WHERE member_id = ? AND client_id = ?', memberId, clientId).toArray().length > 0
  );
}

/** Ends a request; with a member and consent, issues a one-time code. */
export function finishRequest(
  sql: SqlStorage,
  id: string,
  request: AuthRequest,
  approved: boolean,
  now: number,
): string | null {
  sql.exec('DELETE FROM auth_requests WHERE id = ?', id);
  if (!approved || !request.memberId) return null;
  sql.exec('INSERT OR IGNORE INTO consents (member_id, client_id) VALUES (?, ?)', request.memberId, request.clientId);
  const code = randomHex(20);
  const data = { clientId: request.clientId, redirectUri: request.redirectUri, memberId: request.memberId };
  sql.exec(
    'INSERT INTO auth_codes (code, data, expires_at) VALUES (?, ?, ?)',
    code,
    JSON.stringify(data),
    now + CODE_TTL_MS,
  );
  return code;
}

export type CodeRedemption = { ok: true; accessToken: string } | { ok: false; details: string };

/** Single use: the code is deleted whatever the outcome. */
export function redeemCode(
  sql: SqlStorage,
  code: string,
  clientId: string,
  redirectUri: string,
  now: number,
): CodeRedemption {
  const row = sql
    .exec<{ data: string; expires_at: number }>('SELECT data, expires_at FROM auth_codes WHERE code = ?', code)
    .toArray()[0];
  sql.exec('DELETE FROM auth_codes WHERE code = ? OR expires_at < ?', code, now);
  if (!row || row.expires_at < now) return { ok: false, details: 'Invalid or expired authorization code' };
  const data = JSON.parse(row.data) as { clientId: string; redirectUri: string; memberId: string };
  if (data.clientId !== clientId || data.redirectUri !== redirectUri) {
    return { ok: false, details: 'The authorization code was issued to another client or redirect_uri' };
  }
  const token = randomHex(32);
  sql.exec('DELETE FROM tokens WHERE expires_at < ?', now);
  sql.exec(
    'INSERT INTO tokens (token, member_id, client_id, expires_at) VALUES (?, ?, ?, ?)',
    token,
    data.memberId,
    clientId,
    now + TOKEN_TTL_MS,
  );
  return { ok: true, accessToken: token };
}

export function memberIdForToken(sql: SqlStorage, token: string, now: number): string | null {
  const row = sql
    .exec<{ member_id: string }>('SELECT member_id FROM tokens WHERE token = ? AND expires_at >= ?', token, now)
    .toArray()[0];
  return row?.member_id ?? null;
}

/** The member object of `GET /oauth2/member/v1/get` (docs/spendgo-api.md §6). */
export function memberProfile(member: Member) {
  return {
    id: member.id,
    first_name: member.firstName,
    last_name: member.lastName,
    email: member.email,
    mobile_phone: member.phone,
    dob: null,
  };
}
