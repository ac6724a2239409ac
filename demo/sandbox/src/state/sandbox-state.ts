// The sandbox's one Durable Object: every simulated Spendgo account in SQLite, so state
// survives restarts and every request is serialised. Loads a member's slice, runs the pure core,
// writes the result in one transaction. Signature checks and HTTP live in the routes.

import { DurableObject } from 'cloudflare:workers';
import { decideFault, faultSettingsSchema, NO_FAULTS, type FaultDecision, type FaultSettings } from '../core/faults';
import { findStore } from '../core/fixtures';
import { balanceBody, storeRewardsBody } from '../core/listings';
import type { Member, RewardCopy } from '../core/model';
import { applyOrderRequest, type OrderRecord } from '../core/orders';
import type { CreateMemberRequest, LookupRequest, OrderRequest } from '../core/wire';
import * as oauth from './oauth-store';
import { createMember, lookupMember } from './member-store';
import { findOrder, setMeta, writeChanges } from './order-store';
import { ok, spendgoError, type Reply } from './reply';
import { addDays, createSchema, seed, writeMember } from './schema';

const ISSUED_REWARD_DAYS = 90;

type CopyRow = {
  id: number;
  member_id: string;
  reward_id: string;
  expires_on: string | null;
  state: RewardCopy['state'];
};

const toCopy = (row: CopyRow): RewardCopy => ({
  id: row.id,
  memberId: row.member_id,
  rewardId: row.reward_id,
  expiresOn: row.expires_on,
  state: row.state,
});

export class SandboxState extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    if (createSchema(this.sql)) seed(this.sql, this.today());
  }

  private today(): string {
    return new Date().toISOString().slice(0, 10);
  }

  private member(id: string): Member | null {
    const row = this.sql.exec<{ data: string }>('SELECT data FROM members WHERE id = ?', id).toArray()[0];
    return row ? (JSON.parse(row.data) as Member) : null;
  }

  /** The member, only if they belong to account `brand`: another account's id is unknown here. */
  private memberOf(brand: string, id: string): Member | null {
    const member = this.member(id);
    return member?.brand === brand ? member : null;
  }

  private liveCopies(memberId: string): RewardCopy[] {
    return this.sql
      .exec<CopyRow>(
        `SELECT * FROM copies WHERE member_id = ? AND state = 'available' AND (expires_on IS NULL OR expires_on >= ?)
         ORDER BY expires_on IS NULL, expires_on, id`,
        memberId,
        this.today(),
      )
      .toArray()
      .map(toCopy);
  }

  private meta(key: string): string {
    return this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).one().value;
  }

  private setMeta(key: string, value: string): void {
    setMeta(this.sql, key, value);
  }

  reset(): void {
    this.ctx.storage.transactionSync(() => {
      seed(this.sql, this.today());
    });
  }

  createMember(brand: string, request: CreateMemberRequest): Reply {
    return this.ctx.storage.transactionSync(() => createMember(this.sql, brand, request));
  }

  lookupMember(brand: string, request: LookupRequest): Reply {
    return lookupMember(this.sql, brand, request);
  }

  balance(brand: string, memberId: string): Reply {
    const member = this.memberOf(brand, memberId);
    if (!member) return spendgoError(400, 4003, `Invalid user account id: ${memberId}`);
    return ok(balanceBody(member, this.liveCopies(memberId)));
  }

  storeRewards(brand: string, memberId: string, store: string | null): Reply {
    const member = this.memberOf(brand, memberId);
    if (!member) return spendgoError(400, 4003, `Invalid user account id: ${memberId}`);
    if (!store || !findStore(store)) return spendgoError(400, 4002, `Invalid store id: ${store || 'None'}`);
    return ok(storeRewardsBody(member, this.liveCopies(memberId), store));
  }

  /** `POST /loyalty/accounts/{memberId}/orders`; `bodyHash` identifies replays (A15). */
  order(memberId: string, brand: string, bodyHash: string, req: OrderRequest, refundBeforeCompletion = false): Reply {
    const member = memberId === 'guest' ? null : this.memberOf(brand, memberId);
    if (memberId !== 'guest' && !member) return spendgoError(400, 4003, `Invalid user account id: ${memberId}`);
    if (!findStore(req.vendor)) return spendgoError(400, 4002, `Invalid store id: ${req.vendor}`, req.status);
    const found = req.status === 'checkout' ? { order: null, key: '' } : findOrder(this.sql, memberId, brand, req);
    if ('error' in found) return found.error;
    const replyKey = `${found.key}|${req.status}`;
    if (req.status !== 'checkout') {
      const prior = this.sql
        .exec<{ body_hash: string; status: number; body: string }>(
          'SELECT body_hash, status, body FROM replies WHERE key = ?',
          replyKey,
        )
        .toArray()[0];
      if (prior && prior.body_hash === bodyHash) return { status: prior.status, json: prior.body };
      if (prior)
        return spendgoError(409, 409, `This order was already ${req.status} with a different request`, req.status);
    }
    const outcome = applyOrderRequest(
      {
        brand,
        member,
        copies: member ? this.liveCopies(member.id) : [],
        order: found.order,
        nextTransactionId: this.meta('next_transaction'),
        nextCopyId: Number(this.sql.exec('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM copies').one()['n']),
        issuedExpiry: addDays(this.today(), ISSUED_REWARD_DAYS),
        refundBeforeCompletion,
      },
      req,
    );
    if (!outcome.ok) return spendgoError(outcome.httpStatus, outcome.code, outcome.details, req.status);
    const body = { transaction: outcome.transaction };
    if (req.status !== 'checkout') {
      this.ctx.storage.transactionSync(() => {
        writeChanges(this.sql, found.key, member, outcome.changes);
        this.sql.exec(
          'INSERT INTO replies (key, body_hash, status, body) VALUES (?, ?, 200, ?)',
          replyKey,
          bodyHash,
          JSON.stringify(body),
        );
      });
    }
    return ok(body);
  }

  // --- OAuth (see oauth-store.ts) ---

  /** The members of account `brand` who can sign in. */
  signInChoices(brand: string): { id: string; name: string; email: string; program: string }[] {
    return this.listMembers()
      .filter((m) => m.registered && m.brand === brand)
      .map((m) => ({ id: m.id, name: `${m.firstName} ${m.lastName}`, email: m.email ?? '', program: m.program }));
  }

  startAuthorization(request: Omit<oauth.AuthRequest, 'memberId'>): string {
    return oauth.startRequest(this.sql, request, Date.now());
  }

  authorization(id: string): oauth.AuthRequest | null {
    return oauth.readRequest(this.sql, id, Date.now());
  }

  /** Records who signed in; true when this member already consented to this client. */
  signIn(id: string, memberId: string, brand: string): { ok: boolean; consented: boolean } {
    const request = this.authorization(id);
    const member = this.memberOf(brand, memberId);
    if (!request || !member?.registered) return { ok: false, consented: false };
    oauth.chooseMember(this.sql, id, memberId);
    return { ok: true, consented: oauth.hasConsent(this.sql, memberId, request.clientId) };
  }

  /** Ends the request: the code to send back when approved, null when denied. */
  decide(id: string, approved: boolean): { request: oauth.AuthRequest; code: string | null } | null {
    const request = this.authorization(id);
    if (!request) return null;
    const code = oauth.finishRequest(this.sql, id, request, approved, Date.now());
    return { request, code };
  }

  redeemCode(code: string, clientId: string, redirectUri: string): oauth.CodeRedemption {
    return oauth.redeemCode(this.sql, code, clientId, redirectUri, Date.now());
  }

  profileForToken(token: string): ReturnType<typeof oauth.memberProfile> | null {
    const memberId = oauth.memberIdForToken(this.sql, token, Date.now());
    const member = memberId ? this.member(memberId) : null;
    return member ? oauth.memberProfile(member) : null;
  }

  // --- Admin and faults ---

  listMembers(): Member[] {
    return this.sql
      .exec<{ data: string }>('SELECT data FROM members ORDER BY id')
      .toArray()
      .map((r) => JSON.parse(r.data) as Member);
  }

  inspectMember(memberId: string) {
    const member = this.member(memberId);
    if (!member) return null;
    return {
      member,
      balance: balanceBody(member, this.liveCopies(memberId)),
      copies: this.sql
        .exec<CopyRow>('SELECT * FROM copies WHERE member_id = ? ORDER BY id', memberId)
        .toArray()
        .map(toCopy),
      ledger: this.sql.exec('SELECT * FROM ledger WHERE member_id = ? ORDER BY seq', memberId).toArray(),
      orders: this.sql
        .exec<{ data: string }>('SELECT data FROM orders WHERE member_id = ? ORDER BY rowid', memberId)
        .toArray()
        .map((r) => JSON.parse(r.data) as OrderRecord),
    };
  }

  /** Adds (or with a negative amount, removes) units, recorded in the ledger as an adjustment. */
  adjustBalance(memberId: string, units: number, note: string): Member | null {
    const member = this.member(memberId);
    if (!member) return null;
    const next = { ...member, balance: member.balance + units };
    this.ctx.storage.transactionSync(() => {
      writeMember(this.sql, next);
      this.sql.exec(
        "INSERT INTO ledger (at, member_id, kind, units, reward_id, order_id, note) VALUES (?, ?, 'adjust', ?, NULL, NULL, ?)",
        new Date().toISOString(),
        memberId,
        units,
        note,
      );
    });
    return next;
  }

  faults(): FaultSettings {
    return faultSettingsSchema.safeParse(JSON.parse(this.meta('faults'))).data ?? NO_FAULTS;
  }

  setFaults(settings: FaultSettings): void {
    this.setMeta('faults', JSON.stringify(settings));
  }

  nextFault(): FaultDecision {
    const decision = decideFault(this.faults(), Math.random());
    if (decision.next.sequence.length !== this.faults().sequence.length) this.setFaults(decision.next);
    return decision;
  }

  logRequest(method: string, path: string, status: number, detail: string): void {
    this.sql.exec(
      'INSERT INTO request_log (at, method, path, status, detail) VALUES (?, ?, ?, ?, ?)',
      new Date().toISOString(),
      method,
      path,
      status,
      detail,
    );
  }

  requestLog(limit: number) {
    return this.sql.exec('SELECT * FROM request_log ORDER BY seq DESC LIMIT ?', limit).toArray().reverse();
  }

  clearRequestLog(): void {
    this.sql.exec('DELETE FROM request_log');
  }
}
