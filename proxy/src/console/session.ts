// The operations console's session: after an operator signs in with a client's merchant
// credentials, a cookie that names the client, a random session id and when it ends (30 minutes
// on, never extended), MACed with a key derived from that client's merchant secret, so a new
// secret ends every session made with the old one and no other key is needed. Each form carries
// a CSRF token MACed from the session id. Pure over Web Crypto: every comparison is
// crypto.subtle.verify, which is constant-time. Sign-out (revocation) lives in the app.

import { base64url, randomToken } from '../lib/crypto';

export const SESSION_SECONDS = 30 * 60;

export interface ConsoleSession {
  clientId: string;
  sid: string;
  /** Unix seconds. */
  expiresAt: number;
}

const encoder = new TextEncoder();
const SESSION_LABEL = 'spendgo-loyalty console session v1';
const SIGN_IN_LABEL = 'spendgo-loyalty console sign-in v1';

async function hmacKey(raw: Uint8Array<ArrayBuffer> | string, usages: ('sign' | 'verify')[]): Promise<CryptoKey> {
  const bytes = typeof raw === 'string' ? encoder.encode(raw) : raw;
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, usages);
}

async function macBytes(key: CryptoKey, text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** The session key of one merchant secret: HMAC(secret, label), never the secret itself. */
async function sessionKey(secret: string): Promise<CryptoKey> {
  const derived = await macBytes(await hmacKey(secret, ['sign']), SESSION_LABEL);
  return hmacKey(derived, ['sign', 'verify']);
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Whether `given` is the configured merchant secret, in constant time whatever its length. */
export async function secretMatches(configured: string, given: string): Promise<boolean> {
  const expected = await macBytes(await hmacKey(given, ['sign']), SIGN_IN_LABEL);
  return crypto.subtle.verify('HMAC', await hmacKey(configured, ['verify']), expected, encoder.encode(SIGN_IN_LABEL));
}

/** A new session for `clientId` and its cookie value. */
export async function issueSession(
  secret: string,
  clientId: string,
  now: number,
): Promise<{ session: ConsoleSession; cookie: string }> {
  const session = { clientId, sid: randomToken(18), expiresAt: now + SESSION_SECONDS };
  const payload = base64url(encoder.encode(JSON.stringify(session)));
  const mac = base64url(await macBytes(await sessionKey(secret), `session.${payload}`));
  return { session, cookie: `${payload}.${mac}` };
}

/** The client a cookie claims, before its MAC is checked (to find the secret that checks it). */
export function claimedClient(cookie: string): string | null {
  const payload = fromBase64url(cookie.split('.')[0] ?? '');
  if (!payload) return null;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(payload)) as Partial<ConsoleSession>;
    return typeof parsed.clientId === 'string' ? parsed.clientId : null;
  } catch {
    return null;
  }
}

/** The session a cookie carries: null unless its MAC is right under `secret` and it has not ended. */
export async function readSession(secret: string, cookie: string, now: number): Promise<ConsoleSession | null> {
  const [payload, mac, extra] = cookie.split('.');
  if (payload === undefined || mac === undefined || extra !== undefined) return null;
  const given = fromBase64url(mac);
  if (!given) return null;
  if (!(await crypto.subtle.verify('HMAC', await sessionKey(secret), given, encoder.encode(`session.${payload}`))))
    return null;
  const session = JSON.parse(new TextDecoder().decode(fromBase64url(payload)!)) as ConsoleSession;
  return session.expiresAt > now ? session : null;
}

/** The CSRF token every form of this session carries. */
export async function csrfToken(secret: string, session: ConsoleSession): Promise<string> {
  return base64url(await macBytes(await sessionKey(secret), `csrf.${session.sid}`));
}

export async function csrfValid(secret: string, session: ConsoleSession, given: string): Promise<boolean> {
  const bytes = fromBase64url(given);
  if (!bytes) return false;
  return crypto.subtle.verify('HMAC', await sessionKey(secret), bytes, encoder.encode(`csrf.${session.sid}`));
}
