// Joining an account (`POST /loyalty/accounts`): finds the account's member by phone or email,
// or creates one on the account's program. And the mobile API's member status (`lookup`): is
// this phone or email a member anywhere in Spendgo, and of this account? Functions over the
// Durable Object's SQL; the caller runs them in one transaction.

import { findAccount } from '../core/fixtures';
import type { Member } from '../core/model';
import type { CreateMemberRequest, LookupRequest } from '../core/wire';
import { setMeta } from './order-store';
import { mobileError, ok, spendgoError, type Reply } from './reply';
import { writeMember } from './schema';

function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s().+-]/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return /^\d{10}$/.test(national) ? national : null;
}

const idWhere = (sql: SqlStorage, column: 'phone' | 'email', brand: string, value: string) =>
  sql.exec<{ id: string }>(`SELECT id FROM members WHERE brand = ? AND ${column} = ?`, brand, value).toArray()[0]?.id;

export function createMember(sql: SqlStorage, brand: string, request: CreateMemberRequest): Reply {
  const account = findAccount(brand);
  if (!account) return spendgoError(400, 2000, 'Unknown account');
  const { customer } = request;
  const phone = normalisePhone(customer.phone);
  if (!phone) return spendgoError(400, 2003, 'Invalid customer phone number');
  const email = customer.email?.toLowerCase() ?? null;
  const byPhone = idWhere(sql, 'phone', brand, phone);
  const byEmail = email ? idWhere(sql, 'email', brand, email) : undefined;
  if (byPhone) {
    if (byEmail && byEmail !== byPhone)
      return spendgoError(400, 2000, 'The phone and email belong to different members');
    return ok({ id: byPhone, status: 'Active' }, 200);
  }
  if (byEmail) return spendgoError(409, 409, 'A member with this email already exists');
  const id = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'next_member'").one().value;
  const member: Member = {
    id,
    phone,
    email,
    firstName: customer.name?.first ?? '',
    lastName: customer.name?.last ?? '',
    brand,
    program: account.program,
    balance: 0,
    registered: Boolean(email && customer.password) && !customer.verify_email,
  };
  writeMember(sql, member);
  setMeta(sql, 'next_member', String(Number(id) + 1));
  return customer.verify_email ? ok({ status: 'WaitingEmailVerification' }, 202) : ok({ id, status: 'Active' }, 201);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `{ status, linked_to_account }` for a phone or an email (API v2.1.1, "Retrieve a member
 * status"): Activated or StarterAccount, linked when a member of `brand`; NotFound; InvalidEmail. */
export function lookupMember(sql: SqlStorage, brand: string, request: LookupRequest): Reply {
  let column: 'phone' | 'email';
  let value: string;
  if (request.phone !== undefined) {
    const phone = normalisePhone(request.phone);
    if (!phone) return mobileError(400, 2003, 'Invalid phone number');
    [column, value] = ['phone', phone];
  } else {
    const email = request.email!.toLowerCase();
    if (!EMAIL.test(email)) return ok({ status: 'InvalidEmail', linked_to_account: false });
    [column, value] = ['email', email];
  }
  const found = sql
    .exec<{ brand: string; data: string }>(`SELECT brand, data FROM members WHERE ${column} = ?`, value)
    .toArray()
    .map((row) => ({ brand: row.brand, member: JSON.parse(row.data) as Member }));
  if (found.length === 0) return ok({ status: 'NotFound', linked_to_account: false });
  const here = found.find((f) => f.brand === brand);
  const registered = found.some((f) => f.member.registered);
  return ok({ status: registered ? 'Activated' : 'StarterAccount', linked_to_account: here !== undefined });
}
