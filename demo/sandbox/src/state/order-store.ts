// The order records of the sandbox's Durable Object: finding the order a request refers to
// (by order id, or by transaction for refunds, A19) and writing one request's changes (order,
// balance, reward copies, ledger) — always inside the caller's transaction.

import type { Member } from '../core/model';
import type { OrderChanges, OrderRecord } from '../core/orders';
import type { OrderRequest } from '../core/wire';
import { spendgoError, type Reply } from './reply';
import { writeMember } from './schema';

export function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
}

export function findOrder(
  sql: SqlStorage,
  memberId: string,
  brand: string,
  req: OrderRequest,
): { order: OrderRecord | null; key: string } | { error: Reply } {
  let row: { key: string; data: string } | undefined;
  if (req.id) {
    const key = `${brand}|${memberId}|${req.id}`;
    row = sql.exec<{ key: string; data: string }>('SELECT key, data FROM orders WHERE key = ?', key).toArray()[0];
    if (!row) return { order: null, key };
  } else if (req.status === 'refunded' && req.transaction) {
    row = sql
      .exec<{ key: string; data: string }>(
        'SELECT key, data FROM orders WHERE transaction_id = ? AND member_id = ?',
        req.transaction,
        memberId,
      )
      .toArray()[0];
    if (!row) return { error: spendgoError(400, 2000, `Transaction ${req.transaction} was not found`, req.status) };
  } else {
    return { error: spendgoError(400, 2000, 'Invalid request: id is required from placed on', req.status) };
  }
  const order = JSON.parse(row.data) as OrderRecord;
  if (req.transaction && order.transactionId && req.transaction !== order.transactionId) {
    return {
      error: spendgoError(
        400,
        2000,
        `Transaction ${req.transaction} does not belong to order ${order.orderId}`,
        req.status,
      ),
    };
  }
  return { order, key: row.key };
}

export function writeChanges(sql: SqlStorage, key: string, member: Member | null, changes: OrderChanges): void {
  const { order } = changes;
  if (order) {
    sql.exec(
      'INSERT OR REPLACE INTO orders (key, member_id, transaction_id, data) VALUES (?, ?, ?, ?)',
      key,
      order.memberId,
      order.transactionId,
      JSON.stringify(order),
    );
    if (order.status === 'billed') setMeta(sql, 'next_transaction', String(Number(order.transactionId) + 1));
  }
  if (!member) return;
  if (changes.balanceDelta !== 0) writeMember(sql, { ...member, balance: member.balance + changes.balanceDelta });
  if (changes.consumeCopyId !== null) {
    sql.exec("UPDATE copies SET state = 'consumed', order_key = ? WHERE id = ?", key, changes.consumeCopyId);
  }
  for (const id of changes.restoreCopyIds)
    sql.exec("UPDATE copies SET state = 'available', order_key = NULL WHERE id = ?", id);
  for (const id of changes.revokeCopyIds) sql.exec("UPDATE copies SET state = 'revoked' WHERE id = ?", id);
  for (const c of changes.issueCopies) {
    sql.exec(
      'INSERT INTO copies (id, member_id, reward_id, expires_on, state, order_key) VALUES (?, ?, ?, ?, ?, ?)',
      c.id,
      c.memberId,
      c.rewardId,
      c.expiresOn,
      c.state,
      key,
    );
  }
  const at = new Date().toISOString();
  for (const e of changes.ledger) {
    sql.exec(
      'INSERT INTO ledger (at, member_id, kind, units, reward_id, order_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      at,
      e.memberId,
      e.kind,
      e.units,
      e.rewardId,
      e.orderId,
      e.note,
    );
  }
}
