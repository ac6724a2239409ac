// Joining an account (`POST /loyalty/accounts`): finds the account's member by phone or email,
// or creates one on the account's program. Functions over the Durable Object's SQL; the caller
// runs them in one transaction.

import { findAccount } from '../core/fixtures';
import type { Member } from '../core/model';
import type { CreateMemberRequest } from '../core/wire';
import { setMeta } from './order-store';
import { ok, spendgoError, type Reply } from './reply';
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
