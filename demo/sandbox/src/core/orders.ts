// Spendgo's order lifecycle as the sandbox runs it (docs/spendgo-api.md §5.5, A7–A9, A15, A17–A19):
// checkout validates, placed records, billed consumes the reward, completed earns points,
// voided/refunded reverse. Pure: takes the member's slice of the world, returns the changes to
// write. Replays of an identical request are answered before this runs (see the state object).
// Guest orders follow the same state machine as members' (A18 would accept any order of
// statuses for guests); a proxy never needs more, and the strictness catches its mistakes.

import { pointsEarned, roundCents } from './basket';
import { PROGRAMS } from './fixtures';
import type { Member, RewardCopy } from './model';
import type {
  LedgerEntry,
  LedgerKind,
  OrderChanges,
  OrderOutcome,
  OrderRecord,
  OrderStatus,
  OrderWorld,
  Transaction,
} from './order-model';
import { MESSAGES, appliedDiscountProblem, isPointsReward, redeem } from './redeem';
import type { OrderRequest } from './wire';

export type { OrderChanges, OrderRecord, OrderStatus } from './order-model';

// Refund comes after completion; before it, the step is `voided` (docs/spendgo-api.md §5.5). The
// `refund_before_completion` compatibility switch also allows a refund right after billing.
const ALLOWED_FROM: Record<OrderStatus, readonly (OrderStatus | null)[]> = {
  placed: [null],
  billed: ['placed'],
  completed: ['billed'],
  voided: ['placed', 'billed'],
  refunded: ['completed'],
};

export function canMove(from: OrderStatus | null, to: OrderStatus, refundBeforeCompletion = false): boolean {
  if (to === 'refunded' && from === 'billed') return refundBeforeCompletion;
  return ALLOWED_FROM[to].includes(from);
}

const noChanges = (): OrderChanges => ({
  order: null,
  balanceDelta: 0,
  consumeCopyId: null,
  restoreCopyIds: [],
  revokeCopyIds: [],
  issueCopies: [],
  ledger: [],
});

const rejected = (httpStatus: number, code: number, details: string): OrderOutcome => ({
  ok: false,
  httpStatus,
  code,
  details,
});

type Validated = { ok: true; rewardId: string | null; discount: number } | { ok: false; message: string };

/** Validates the request's reward (at most one) against its basket. */
function validateReward(world: OrderWorld, req: OrderRequest): Validated {
  const rewards = req.basket.rewards ?? [];
  if (rewards.length > 1) return { ok: false, message: MESSAGES.oneReward };
  const reward = rewards[0];
  if (!reward) return { ok: true, rewardId: null, discount: 0 };
  const result = redeem({
    rewardId: reward.id,
    requested: reward.discount,
    member: world.member,
    copies: world.copies,
    store: req.vendor,
    subtotal: req.subtotal,
    entries: req.basket.posEntries,
  });
  if (!result.ok) return result;
  if (req.status === 'checkout') return { ok: true, rewardId: reward.id, discount: result.discount };
  const problem = appliedDiscountProblem(reward.id, reward.discount, result.discount);
  if (problem) return { ok: false, message: problem };
  return { ok: true, rewardId: reward.id, discount: roundCents(reward.discount ?? 0) };
}

export function applyOrderRequest(world: OrderWorld, req: OrderRequest): OrderOutcome {
  if (req.status === 'checkout') {
    const v = validateReward(world, req);
    const transaction: Transaction = v.ok
      ? { status: 'checkout', discount: v.discount }
      : { status: 'checkout', discount: 0, message: v.message };
    return { ok: true, transaction, changes: noChanges() };
  }
  const order = world.order;
  if (!canMove(order?.status ?? null, req.status, world.refundBeforeCompletion)) {
    const id = req.id ?? req.transaction ?? '';
    return rejected(
      400,
      2000,
      order ? `Order ${id} is ${order.status} and cannot be ${req.status}.` : `Order ${id} was not found.`,
    );
  }
  switch (req.status) {
    case 'placed':
      return place(world, req);
    case 'billed':
      return bill(world, req, order!);
    case 'completed':
      return complete(world, req, order!);
    case 'voided':
    case 'refunded':
      return reverse(world, order!, req.status);
  }
}

function rewardRejected(message: string): OrderOutcome {
  return rejected(400, 400, `Reward could not be applied. ${message}`);
}

function place(world: OrderWorld, req: OrderRequest): OrderOutcome {
  if (!req.id) return rejected(400, 2000, 'Invalid request: id is required from placed on.');
  const v = validateReward(world, req);
  if (!v.ok) return rewardRejected(v.message);
  const order: OrderRecord = {
    brand: world.brand,
    memberId: world.member?.id ?? 'guest',
    orderId: req.id,
    store: req.vendor,
    status: 'placed',
    rewardId: v.rewardId,
    discount: v.discount,
    transactionId: null,
    consumedCopyId: null,
    pointsSpent: 0,
    pointsEarned: 0,
    issuedCopyIds: [],
  };
  return { ok: true, transaction: { status: 'placed', discount: v.discount }, changes: { ...noChanges(), order } };
}

function bill(world: OrderWorld, req: OrderRequest, order: OrderRecord): OrderOutcome {
  const v = validateReward(world, req);
  if (!v.ok) return rewardRejected(v.message);
  if (v.rewardId !== order.rewardId) return rewardRejected('The reward differs from the placed order.');
  const changes = noChanges();
  const next: OrderRecord = {
    ...order,
    status: 'billed',
    discount: v.discount,
    transactionId: world.nextTransactionId,
  };
  const member = world.member;
  if (member && v.rewardId) {
    const spent = pointsCost(member, v.rewardId, v.discount);
    if (spent > 0) {
      next.pointsSpent = spent;
      changes.balanceDelta -= spent;
    } else {
      const copy = world.copies.find((c) => c.rewardId === v.rewardId);
      if (!copy) return rewardRejected(MESSAGES.notHeld);
      next.consumedCopyId = copy.id;
      changes.consumeCopyId = copy.id;
    }
    changes.ledger.push(entry(member.id, 'redeem', -spent, v.rewardId, order.orderId, `Redeemed for ${v.discount}`));
  }
  changes.order = next;
  return { ok: true, transaction: { id: next.transactionId!, status: 'billed', discount: v.discount }, changes };
}

/** Points a P_ reward costs at billing (A9); 0 for rewards held as copies. */
function pointsCost(member: Member, rewardId: string, discount: number): number {
  if (!isPointsReward(rewardId)) return 0;
  const program = PROGRAMS[member.program];
  if (program.type === 'points_banking') return program.tiers.find((t) => t.id === rewardId)?.points ?? 0;
  if (program.type === 'shop_with_points') return Math.ceil(roundCents(discount / program.valuePerPoint));
  return 0;
}

function complete(world: OrderWorld, req: OrderRequest, order: OrderRecord): OrderOutcome {
  const changes = noChanges();
  const next: OrderRecord = { ...order, status: 'completed' };
  const member = world.member;
  if (member) {
    const program = PROGRAMS[member.program];
    const earned =
      program.type === 'visits'
        ? req.subtotal > 0
          ? 1
          : 0
        : // Points are earned after all discounts: the reward's and the merchant's own (the top-level `discount`).
          pointsEarned(req.subtotal, req.basket.posEntries, Math.max(order.discount, req.discount ?? 0));
    next.pointsEarned = earned;
    changes.balanceDelta += earned;
    changes.ledger.push(entry(member.id, 'earn', earned, null, order.orderId, `Earned on ${req.subtotal}`));
    if (program.type === 'points' || program.type === 'visits') {
      let balance = member.balance + earned;
      let copyId = world.nextCopyId;
      while (balance >= program.threshold) {
        balance -= program.threshold;
        changes.balanceDelta -= program.threshold;
        const copy: RewardCopy = {
          id: copyId++,
          memberId: member.id,
          rewardId: program.rewardId,
          expiresOn: world.issuedExpiry,
          state: 'available',
        };
        changes.issueCopies.push(copy);
        next.issuedCopyIds = [...next.issuedCopyIds, copy.id];
        changes.ledger.push(
          entry(member.id, 'issue', -program.threshold, program.rewardId, order.orderId, 'Reward earned'),
        );
      }
    }
  }
  changes.order = next;
  return {
    ok: true,
    transaction: { id: order.transactionId!, status: 'completed', discount: order.discount },
    changes,
  };
}

/** voided and refunded give back what billed took and take back what completed gave. */
function reverse(world: OrderWorld, order: OrderRecord, status: 'voided' | 'refunded'): OrderOutcome {
  const changes = noChanges();
  const member = world.member;
  if (member && (order.status === 'billed' || order.status === 'completed')) {
    if (order.consumedCopyId !== null) changes.restoreCopyIds.push(order.consumedCopyId);
    if (order.consumedCopyId !== null || order.pointsSpent > 0) {
      changes.balanceDelta += order.pointsSpent;
      changes.ledger.push(
        entry(member.id, 'restore', order.pointsSpent, order.rewardId, order.orderId, `Reward returned (${status})`),
      );
    }
    if (order.pointsEarned > 0) {
      changes.balanceDelta -= order.pointsEarned;
      changes.ledger.push(
        entry(member.id, 'reverse', -order.pointsEarned, null, order.orderId, `Points reversed (${status})`),
      );
    }
    const program = PROGRAMS[member.program];
    const live = new Set(world.copies.map((c) => c.id));
    for (const id of order.issuedCopyIds) {
      // A reward earned by this order and not yet used goes back into points; a used one stays used.
      if (!live.has(id) || !('threshold' in program)) continue;
      changes.revokeCopyIds.push(id);
      changes.balanceDelta += program.threshold;
      changes.ledger.push(
        entry(member.id, 'revoke', program.threshold, program.rewardId, order.orderId, 'Earned reward revoked'),
      );
    }
  }
  changes.order = { ...order, status };
  const transaction: Transaction = { status, ...(order.transactionId && { id: order.transactionId }) };
  return { ok: true, transaction, changes };
}

function entry(
  memberId: string,
  kind: LedgerKind,
  units: number,
  rewardId: string | null,
  orderId: string,
  note: string,
): LedgerEntry {
  return { memberId, kind, units, rewardId, orderId, note };
}
