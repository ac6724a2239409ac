// Everything the proxy mints and later reads back: the sealed sign-in state sent through
// Spendgo, DPoP-bound access tokens (encrypted, so the browser never sees the member id),
// ES256 ID tokens with a pairwise subject, and refresh tokens. The clock is passed in.

import { EncryptJWT, SignJWT, jwtDecrypt } from 'jose';
import * as z from 'zod';
import { type ProxyKeys } from './keys';
import { mac, randomToken } from '../lib/crypto';

export const ACCESS_TOKEN_SECONDS = 300;
export const ID_TOKEN_SECONDS = 600;
export const STATE_SECONDS = 600;

const authStateSchema = z.object({
  use: z.literal('auth_state'),
  client_id: z.string(),
  redirect_uri: z.string(),
  state: z.string(),
  code_challenge: z.string(),
  nonce: z.string().nullable(),
  dpop_jkt: z.string().nullable(),
});
export type AuthState = Omit<z.infer<typeof authStateSchema>, 'use'>;

const accessSchema = z.object({
  use: z.literal('access'),
  mid: z.string(),
  cid: z.string(),
  acc: z.string(),
  fam: z.string(),
  name: z.string(),
  cnf: z.object({ jkt: z.string() }),
});
export interface AccessClaims {
  memberId: string;
  clientId: string;
  /** The Spendgo account `memberId` belongs to. */
  account: string;
  familyId: string;
  givenName: string;
  jkt: string;
}

const ENC = { alg: 'dir', enc: 'A256GCM' } as const;

/** Seals a one-use record under the state key: encrypted (the browser carrying it reads
 * nothing), with its purpose (`use`), an expiry and an id to spend it by. */
function sealOneUse(keys: ProxyKeys, issuer: string, use: string, record: object, seconds: number, now: number) {
  return new EncryptJWT({ use, ...record })
    .setProtectedHeader(ENC)
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .setJti(randomToken(16))
    .encrypt(keys.stateKey);
}

/** An opened one-use record and what makes it single use: its id and when it stops being valid anyway. */
interface Opened<T> {
  record: T;
  jti: string;
  expiresAt: number;
}

/** Opens a record sealOneUse made for `schema`'s purpose; null when forged, expired or another kind. */
async function openOneUse<S extends z.ZodObject<{ use: z.ZodLiteral<string> }>>(
  keys: ProxyKeys,
  issuer: string,
  schema: S,
  sealed: string,
  now: number,
): Promise<Opened<Omit<z.infer<S>, 'use'>> | null> {
  try {
    const { payload } = await jwtDecrypt(sealed, keys.stateKey, {
      issuer,
      currentDate: new Date(now * 1000),
      ...ENC_OPTIONS,
    });
    const parsed = schema.safeParse(payload);
    if (!parsed.success || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return null;
    const { use, ...record } = parsed.data;
    return { record, jti: payload.jti, expiresAt: payload.exp };
  } catch {
    return null;
  }
}

const ENC_OPTIONS = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };

export const sealState = (keys: ProxyKeys, issuer: string, state: AuthState, now: number): Promise<string> =>
  sealOneUse(keys, issuer, 'auth_state', state, STATE_SECONDS, now);

/** An opened sign-in state. */
export interface OpenedState {
  request: AuthState;
  jti: string;
  expiresAt: number;
}

export async function openState(
  keys: ProxyKeys,
  issuer: string,
  sealed: string,
  now: number,
): Promise<OpenedState | null> {
  const opened = await openOneUse(keys, issuer, authStateSchema, sealed, now);
  return opened && { request: opened.record, jti: opened.jti, expiresAt: opened.expiresAt };
}

/** A join ticket lives this long: from the join answer to the widget's authorize request. */
export const JOIN_TICKET_SECONDS = 120;

const joinTicketSchema = z.object({
  use: z.literal('join_ticket'),
  client_id: z.string(),
  account: z.string(),
  member_id: z.string(),
  given_name: z.string(),
});
export type JoinTicket = Omit<z.infer<typeof joinTicketSchema>, 'use'>;

/** Seals who just joined, for the one authorize request that signs them in (the page never
 * sees the member id). */
export const sealJoinTicket = (keys: ProxyKeys, issuer: string, ticket: JoinTicket, now: number): Promise<string> =>
  sealOneUse(keys, issuer, 'join_ticket', ticket, JOIN_TICKET_SECONDS, now);

export async function openJoinTicket(
  keys: ProxyKeys,
  issuer: string,
  sealed: string,
  now: number,
): Promise<{ ticket: JoinTicket; jti: string; expiresAt: number } | null> {
  const opened = await openOneUse(keys, issuer, joinTicketSchema, sealed, now);
  return opened && { ticket: opened.record, jti: opened.jti, expiresAt: opened.expiresAt };
}

export async function mintAccessToken(
  keys: ProxyKeys,
  issuer: string,
  claims: AccessClaims,
  now: number,
): Promise<string> {
  return new EncryptJWT({
    use: 'access',
    mid: claims.memberId,
    cid: claims.clientId,
    acc: claims.account,
    fam: claims.familyId,
    name: claims.givenName,
    cnf: { jkt: claims.jkt },
  })
    .setProtectedHeader(ENC)
    .setIssuer(issuer)
    .setAudience(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_SECONDS)
    .setJti(randomToken(12))
    .encrypt(keys.accessKey);
}

export async function readAccessToken(
  keys: ProxyKeys,
  issuer: string,
  token: string,
  now: number,
): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtDecrypt(token, keys.accessKey, {
      issuer,
      audience: issuer,
      currentDate: new Date(now * 1000),
      ...ENC_OPTIONS,
    });
    const parsed = accessSchema.safeParse(payload);
    if (!parsed.success) return null;
    const a = parsed.data;
    return { memberId: a.mid, clientId: a.cid, account: a.acc, familyId: a.fam, givenName: a.name, jkt: a.cnf.jkt };
  } catch {
    return null;
  }
}

/** An opaque, stable subject per (client, member): two storefronts cannot correlate a member. */
export function pairwiseSubject(keys: ProxyKeys, clientId: string, memberId: string): Promise<string> {
  return mac(keys.macKey, `sub\n${clientId}\n${memberId}`);
}

export interface IdTokenInput {
  clientId: string;
  subject: string;
  givenName: string;
  nonce: string | null;
  authTime: number;
}

export async function mintIdToken(keys: ProxyKeys, issuer: string, input: IdTokenInput, now: number): Promise<string> {
  return new SignJWT({
    given_name: input.givenName,
    auth_time: input.authTime,
    ...(input.nonce !== null && { nonce: input.nonce }),
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.publicJwk.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(input.subject)
    .setAudience(input.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + ID_TOKEN_SECONDS)
    .setJti(randomToken(12))
    .sign(keys.signing);
}

/** Refresh tokens are `<family id>.<secret>`; only a keyed hash of the secret is stored. */
export function splitRefreshToken(token: string): { familyId: string; secret: string } | null {
  const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/.exec(token);
  return match ? { familyId: match[1]!, secret: match[2]! } : null;
}

export function refreshSecretHash(keys: ProxyKeys, familyId: string, secret: string): Promise<string> {
  return mac(keys.macKey, `refresh\n${familyId}\n${secret}`);
}
