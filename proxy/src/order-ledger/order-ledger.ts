// One Durable Object per order (client + order id): the single serialised home of the order's
// lifecycle. An accepted event is written with the new state in one SQLite transaction before
// 202 is answered (trust boundary 5); its outbox (outbox.ts) delivers events to Spendgo strictly
// in order from the DO alarm, which lives with the data and survives restarts. Retryable
// failures back off and wait on the client's recovery board (recovery-board.ts); refusals and
// lost answers stop with a reason until the merchant re-drives or confirms. A placed, unbilled
// order holds its checkout and reward until its hold ends (hold.ts), then this object voids it
// from the same alarm; webhooks about each outcome are written in the same transactions
// (webhooks/). docs/architecture.md says why; the other objects it talks to are behind
// neighbours.ts.

import { DurableObject } from 'cloudflare:workers';
import type { OrderEventResult, OrderView } from '../../../shared/wire';
import type { ProxyConfig } from '../env';
import { platformPorts, type Ports } from '../ports';
import { alarmRetryDelayMs, nextAlarmAt, nextStep, stoppedLogLine } from './delivery';
import {
  admit,
  HOLD_EXPIRED_KEY,
  taken,
  type AcceptCommand,
  type AcceptOutcome,
  type LedgerRefusal,
} from './admission';
import { withAudit } from './audit';
import { extendedUntil, holdEnded, holdExpiredReason } from './hold';
import { placeOrder } from './placing';
import { OrderNeighbours } from './neighbours';
import { Outbox, stoppedEvent, unconfirmable } from './outbox';
import type { OrderEventType } from './machine';
import { createSchema, orderView, readOrderState, writeOrderState, type EventRow, type OrderState } from './records';
import { IndexFeed } from './index-feed';
import { refusal, type Refusal } from '../refusal';
import { err, ok, type Result } from '../../../shared/result';
import { lifecycleBody } from './spendgo-body';
import { Waiters } from './waiters';
import { OrderWebhooks } from '../webhooks/order-webhooks';

export class OrderLedger extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly outbox: Outbox;
  /** Callers waiting (Prefer: wait) for an event to settle; woken after every delivery step. */
  private readonly waiters = new Waiters();
  private alarmFailures = 0;
  private readonly ports: Ports;
  private readonly neighbours: OrderNeighbours;
  private readonly webhooks: OrderWebhooks;
  private readonly index: IndexFeed;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ports = platformPorts(env);
    this.neighbours = new OrderNeighbours(env);
    this.sql = ctx.storage.sql;
    createSchema(this.sql);
    this.outbox = new Outbox(this.sql);
    this.webhooks = new OrderWebhooks(this.sql, this.ports);
    this.index = new IndexFeed(this.sql, this.neighbours);
  }

  private state(): OrderState | null {
    return readOrderState(this.sql);
  }

  private rows(): EventRow[] {
    return this.outbox.rows();
  }

  private config(): ProxyConfig {
    const result = this.ports.config();
    if (!result.ok) throw new Error(`configuration invalid: ${result.error.setting}`);
    return result.value;
  }

  /** What the stored order says of `command` before anything is written: see admission.ts. */
  private precheck(command: AcceptCommand): AcceptOutcome | null {
    return admit(command, this.state(), this.rows());
  }

  async accept(command: AcceptCommand): Promise<AcceptOutcome> {
    // A hold that has ended voids the order now, whatever the alarm's timing: its copy of the
    // reward is already free for another order, so a billed after the end must not be taken.
    if (await this.voidIfHoldEnded()) await this.schedule();
    const early = this.precheck(command);
    if (early) return early;
    const now = this.ports.nowMs();
    let state = this.state();
    if (command.event.type === 'placed') {
      const placed = await placeOrder(
        { neighbours: this.neighbours, state: () => this.state(), precheck: () => this.precheck(command) },
        command,
        command.event,
        now,
      );
      if (!placed.ok) return placed;
      if ('already' in placed.value) return placed.value.already;
      state = placed.value.state;
    }
    if (!state) return err(refusal('order_not_found', `No order ${command.orderId}.`));
    const { type, ...detail } = command.event;
    // billed's payments (what was charged) replace placed's for every later call.
    const next: OrderState = withAudit(
      {
        ...state,
        status: type,
        ...(command.event.type === 'billed' && { payments: command.event.payments }),
        ...(type === 'voided' && { voidedBy: 'merchant' as const }),
      },
      command.operator,
      type,
      now,
    );
    this.ctx.storage.transactionSync(() => {
      writeOrderState(this.sql, next);
      this.outbox.add(type, command.idempotencyKey, command.requestHash, detail, now);
    });
    await this.schedule();
    // A voided order no longer backs its checkout. If this call fails the checkout simply
    // stays claimed (until it expires): the safe side.
    if (type === 'voided') await this.neighbours.releaseCheckout(next.checkoutId, next).catch(() => undefined);
    return taken('accepted', this.outbox.byType(type), next, this.rows());
  }

  /** Moves a placed, unbilled order's hold later (a signed merchant call). */
  async extendHold(requested: string, operator?: string): Promise<Result<OrderView, LedgerRefusal>> {
    // An ended hold is not revived: its copy of the reward is already free (see accept).
    if (await this.voidIfHoldEnded()) await this.schedule();
    const state = this.state();
    if (!state) return err(refusal('order_not_found', 'No such order.'));
    const until = extendedUntil(state.status, state.holdUntil, requested, this.ports.nowMs());
    if (!until.ok) return err({ ...until.error, order: orderView(state, this.rows()) });
    await this.neighbours.extendHold(state, until.value);
    // The await let other requests in: billed or voided may have ended the hold meanwhile.
    const latest = this.state()!;
    const still = extendedUntil(latest.status, latest.holdUntil, requested, this.ports.nowMs());
    if (!still.ok) return err({ ...still.error, order: orderView(latest, this.rows()) });
    const next = withAudit({ ...latest, holdUntil: still.value }, operator, 'extend-hold', this.ports.nowMs());
    writeOrderState(this.sql, next);
    await this.schedule();
    return ok(orderView(next, this.rows()));
  }

  /** Voids the order by itself when its hold has ended unbilled: Spendgo is sent `voided` like
   * any other event, with the reason; the checkout is given back. False when nothing was due. */
  private async voidIfHoldEnded(): Promise<boolean> {
    const state = this.state();
    const now = this.ports.nowMs();
    if (!state || !holdEnded(state.status, state.holdUntil, now)) return false;
    const next: OrderState = { ...state, status: 'voided', voidedBy: 'hold_expired' };
    const reason = holdExpiredReason(state.holdUntil!);
    const config = this.config();
    this.ctx.storage.transactionSync(() => {
      writeOrderState(this.sql, next);
      this.outbox.add('voided', HOLD_EXPIRED_KEY, HOLD_EXPIRED_KEY, { reason }, now);
      this.webhooks.report(config, this.state()!, this.rows(), 'order.auto_voided', this.outbox.byType('voided').seq);
    });
    console.info(
      JSON.stringify({ level: 'info', msg: 'order_auto_voided', client_id: state.clientId, reason: 'hold_expired' }),
    );
    await this.neighbours.releaseCheckout(next.checkoutId, next).catch(() => undefined);
    return true;
  }

  /**
   * Waits up to `waitMs` for event `seq` to leave `pending` (delivered, or stopped with Spendgo's
   * reason), then answers the event and the order as they stand. In-memory waiting only: if the
   * object restarts meanwhile the caller simply gets the pending event, as without waiting.
   */
  async settle(seq: number, waitMs: number): Promise<OrderEventResult | null> {
    const deadline = this.ports.nowMs() + waitMs;
    for (;;) {
      const state = this.state();
      const row = this.outbox.row(seq);
      if (!state || !row) return null;
      const left = deadline - this.ports.nowMs();
      if (row.state !== 'pending' || left <= 0) {
        const view = orderView(state, this.rows());
        return { event: view.events.find((e) => e.seq === seq)!, order: view };
      }
      await this.waiters.wait(left);
    }
  }

  view(): OrderView | null {
    const state = this.state();
    return state ? { ...orderView(state, this.rows()), webhooks: this.webhooks.view() } : null;
  }

  private stopped(seq: number): Result<{ row: EventRow; state: OrderState }, Refusal> {
    return stoppedEvent(this.outbox.row(seq), this.state(), seq);
  }

  /** Puts a stopped event back in the outbox: the merchant says it did not reach Spendgo (or may be repeated). */
  async redrive(seq: number, operator?: string): Promise<Result<OrderView, Refusal>> {
    const found = this.stopped(seq);
    if (!found.ok) return found;
    const now = this.ports.nowMs();
    const state = withAudit(found.value.state, operator, 'redrive', now, seq);
    this.ctx.storage.transactionSync(() => {
      this.outbox.reopen(seq, now);
      if (state !== found.value.state) writeOrderState(this.sql, state);
    });
    await this.schedule();
    return ok(orderView(state, this.rows()));
  }

  /** The merchant checked at Spendgo that a stopped event was applied: it counts as delivered, unsent again. */
  async confirm(seq: number, transactionId: string | null, operator?: string): Promise<Result<OrderView, Refusal>> {
    const found = this.stopped(seq);
    if (!found.ok) return found;
    const { row } = found.value;
    const refused = unconfirmable(row);
    if (refused) return err(refused);
    // Spendgo's transaction id, if the merchant read it at Spendgo and none is known yet (refunded needs it).
    const state = withAudit(
      { ...found.value.state, transactionId: found.value.state.transactionId ?? transactionId },
      operator,
      'confirm',
      this.ports.nowMs(),
      seq,
    );
    const transaction = { id: state.transactionId, status: row.type, discount: state.discount, message: null };
    const config = this.config();
    this.ctx.storage.transactionSync(() => {
      this.outbox.deliver(
        seq,
        transaction,
        'Confirmed by the merchant as applied at Spendgo; not sent again.',
        this.ports.nowMs(),
      );
      writeOrderState(this.sql, state);
      this.webhooks.report(config, this.state()!, this.rows(), 'order.event.delivered', seq);
    });
    await this.afterDelivered(row.type);
    await this.schedule();
    return ok(orderView(this.state()!, this.rows()));
  }

  /** Spendgo answers again (the client's recovery board says so): the next pending event is
   * tried now instead of at its backoff time. Changes nothing else. */
  async nudge(): Promise<void> {
    const next = this.outbox.nextPending();
    if (!next) return;
    this.outbox.dueNow(next.seq, this.ports.nowMs());
    await this.schedule();
  }

  /** The alarm at the soonest of: the next pending event's attempt, the end of the hold, the next
   * webhook, and (if the client's index could not take the order's new summary) a retry in 5 s. */
  private async schedule(): Promise<void> {
    const state = this.state();
    const held = state?.status === 'placed' ? state.holdUntil : null;
    const pending = this.outbox.nextPending();
    // The alarm is set before anything else is awaited: an event stored is never left without one.
    let at = nextAlarmAt(this.ports.nowMs(), pending?.next_attempt_at, held, this.webhooks.nextDue());
    if (at !== Infinity) await this.ctx.storage.setAlarm(at);
    if (await this.index.keep(state, this.rows(), this.webhooks.view() ?? [])) return;
    at = Math.min(at, this.ports.nowMs() + 5_000);
    await this.ctx.storage.setAlarm(at);
  }

  /**
   * Delivers what is due. An alarm that throws (a configuration outage, say) is retried by the
   * runtime only a few times; this one reschedules itself instead, so pending events never get
   * stuck.
   */
  override async alarm(): Promise<void> {
    try {
      await this.voidIfHoldEnded();
      await this.deliver();
      const state = this.state();
      if (state) await this.webhooks.deliverDue(this.config(), state.clientId);
      await this.schedule();
      this.alarmFailures = 0;
    } catch (error) {
      this.alarmFailures += 1;
      const delay = alarmRetryDelayMs(this.alarmFailures);
      console.error(
        JSON.stringify({ level: 'error', msg: 'order_delivery_failed', error: String(error).slice(0, 200) }),
      );
      await this.ctx.storage.setAlarm(this.ports.nowMs() + delay);
    }
  }

  private async deliver(): Promise<void> {
    const config = this.config();
    const placed = this.state();
    if (!placed) return;
    const account = config.accounts.get(placed.account);
    if (!account) throw new Error(`Spendgo account ${placed.account} is not configured`);
    const spendgo = this.ports.spendgo(config, account);
    for (let row = this.outbox.nextPending(); row; row = this.outbox.nextPending()) {
      const now = this.ports.nowMs();
      if ((row.next_attempt_at ?? 0) > now) break;
      const state = this.state()!;
      const body = lifecycleBody(state, row.type, account.accountId, JSON.parse(row.detail) as object);
      const attempt = row.attempts + 1;
      this.outbox.countAttempt(row.seq, attempt);
      const result = await spendgo.order(state.memberId ?? 'guest', row.type, body);
      const step = nextStep(row.type, result, attempt, config.orders, this.ports.nowMs(), this.ports.random());
      this.ctx.storage.transactionSync(() => {
        this.outbox.record(row.seq, step, this.ports.nowMs());
        // Spendgo's transaction id, from whichever answer first carries it (refunded needs it).
        const latest = this.state()!;
        if (step.kind === 'delivered' && latest.transactionId === null && step.transaction.id !== null)
          writeOrderState(this.sql, { ...latest, transactionId: step.transaction.id });
        if (step.kind !== 'retry') this.webhooks.reportStep(config, this.state()!, this.rows(), step.kind, row.seq);
      });
      if (step.kind === 'dead' || step.kind === 'reconcile')
        console.warn(stoppedLogLine(step.kind, state.clientId, row));
      this.waiters.wakeAll();
      await this.neighbours.tellBoard(state, step, attempt);
      // A placed Spendgo refused (or gave up on) made no order there: nothing uses the copy.
      if (step.kind === 'dead' && row.type === 'placed') await this.releaseReward();
      if (step.kind !== 'delivered') break;
      await this.afterDelivered(row.type);
    }
    await this.schedule();
  }

  /** Once Spendgo has the billed (the reward consumed) or the voided (released), the order's
   * copy of the reward is no longer held. Unreachable holds end by themselves at the hold's end. */
  private async afterDelivered(type: OrderEventType): Promise<void> {
    if (type === 'billed' || type === 'voided') await this.releaseReward();
  }

  private async releaseReward(): Promise<void> {
    const state = this.state();
    if (!state?.rewardHeld) return;
    if (await this.neighbours.releaseReward(state)) writeOrderState(this.sql, { ...this.state()!, rewardHeld: false });
  }
}
