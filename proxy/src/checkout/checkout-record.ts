// One Durable Object per checkout attempt (client + member + Idempotency-Key): it calls
// Spendgo's `checkout` once, keeps the validated result, and answers repeats from storage.
// Concurrent identical requests share the one in-flight call. The record it keeps (member,
// store, reward, validated discount, cart fingerprint, expiry) is what a later `placed` uses,
// so the discount always comes from Spendgo's answer, never from the caller. It is also where
// an order claims the checkout: decided and written in one step, so one checkout backs at most
// one live order however many `placed` calls race for it.

import { DurableObject } from 'cloudflare:workers';
import type { CheckoutResponse } from '../../../shared/wire';
import { checkoutIdOf, checkoutRecordById, rewardHolds } from '../durable-objects';
import { platformPorts, type Ports } from '../ports';
import { refusal, type Refusal } from '../refusal';
import { err, ok, type Result } from '../../../shared/result';
import type { SpendgoClient, SpendgoFailure } from '../spendgo/client';
import {
  claimCheckout,
  releaseCheckout,
  type PlacedClaim,
  type PlacedEvent,
  type PlacedOrder,
} from '../order-ledger/placed';
import { spendgoOrderBody } from '../spendgo/order-body';
import { cartFingerprint, cents, type Cart } from './cart';
import { checkoutVerdict, type RequestedReward } from './verdict';

export const CHECKOUT_TTL_SECONDS = 30 * 60;
/** How long an expired checkout is still answered for its Idempotency-Key, then erased. */
const RETAIN_SECONDS = 24 * 3600;

export interface CheckoutCommand {
  /** Hash of everything the caller sent; the same key with another hash is refused. */
  requestHash: string;
  clientId: string;
  /** The Spendgo account (configuration id) to validate in. */
  account: string;
  memberId: string | null;
  cart: Cart;
  reward: { id: string; amount: number | undefined } | null;
  cartFingerprint: string;
  currency: string;
  now: number;
}

export interface CheckoutRecordData {
  checkoutId: string;
  clientId: string;
  /** The Spendgo account it was validated in. */
  account: string;
  memberId: string | null;
  store: string;
  rewardId: string | null;
  /** How many copies of the reward rewards-by-store listed (records from before: 1). */
  rewardCopies?: number;
  /** The discount Spendgo validated (0 when no reward applies). */
  discount: number;
  cartFingerprint: string;
  /** The cart as validated, for the order calls that follow. */
  cart: Cart;
  expiresAt: number;
}

/** Why a checkout was not answered: its key was used for another request, Spendgo failed, or
 * the proxy's configuration no longer holds the client's Spendgo account. */
export type CheckoutFailure = { kind: 'reused' } | { kind: 'spendgo'; failure: SpendgoFailure } | { kind: 'config' };

/** A checkout's answer, with the Spendgo HTTP attempts this call made for it (for the request
 * log: 0 when answered from the record, or by a call another request started). */
export type CheckoutOutcome = Result<CheckoutResponse, CheckoutFailure> & { upstreamAttempts: number };

interface Ran {
  result: Result<CheckoutResponse, CheckoutFailure>;
  attempts: number;
}

interface Stored {
  requestHash: string;
  response: CheckoutResponse;
  record: CheckoutRecordData;
  /** The order key (`<client>:<order id>`) that placed an order with this checkout, until it is voided. */
  claimedBy?: string | null;
}

export class CheckoutRecord extends DurableObject<Env> {
  private inflight: Promise<Ran> | null = null;
  private readonly ports: Ports;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ports = platformPorts(env);
  }

  private async stored(): Promise<Stored | undefined> {
    return this.ctx.storage.get<Stored>('checkout');
  }

  /**
   * Validates once per key: a repeat is answered from the record while the checkout is valid.
   * Once it has expired, the same request validates again (same checkout id, new expiry): an
   * expired answer is of no use to anyone, and the cart may now earn a different discount.
   */
  async checkout(command: CheckoutCommand): Promise<CheckoutOutcome> {
    const prior = await this.stored();
    if (prior && prior.requestHash !== command.requestHash) return { ...err({ kind: 'reused' }), upstreamAttempts: 0 };
    // A response stored before `reason` existed answers with none (its `message` still says why).
    if (prior && prior.record.expiresAt > command.now)
      return { ...ok({ ...prior.response, reason: prior.response.reason ?? null }), upstreamAttempts: 0 };
    const started = !this.inflight;
    if (!this.inflight) {
      this.inflight = this.run(command).finally(() => {
        this.inflight = null;
      });
    }
    const { result, attempts } = await this.inflight;
    const upstreamAttempts = started ? attempts : 0;
    if (!result.ok) return { ...result, upstreamAttempts };
    const now = await this.stored();
    return now?.requestHash === command.requestHash
      ? { ...result, upstreamAttempts }
      : { ...err({ kind: 'reused' }), upstreamAttempts };
  }

  /** The validated record; null when unknown. */
  async record(): Promise<CheckoutRecordData | null> {
    return (await this.stored())?.record ?? null;
  }

  /**
   * Checks a `placed` against this checkout and, when it may proceed, claims the checkout for
   * its order, in one step: between the read and the write nothing else runs (no await but
   * storage), so of many orders racing for one checkout exactly one wins. The same order
   * claiming again is answered as before.
   */
  async claim(claim: PlacedClaim): Promise<Result<PlacedOrder, Refusal>> {
    const stored = await this.stored();
    const { decision, claimedBy } = claimCheckout(claim, stored?.record ?? null, stored?.claimedBy ?? null);
    if (stored && claimedBy !== (stored.claimedBy ?? null))
      await this.ctx.storage.put<Stored>('checkout', { ...stored, claimedBy });
    return decision;
  }

  /** Gives the checkout back when the order holding it is voided (or never came to be). */
  async release(orderKey: string): Promise<void> {
    const stored = await this.stored();
    if (!stored) return;
    const claimedBy = releaseCheckout(orderKey, stored.claimedBy ?? null);
    if (claimedBy !== stored.claimedBy) await this.ctx.storage.put<Stored>('checkout', { ...stored, claimedBy });
  }

  private async run(command: CheckoutCommand): Promise<Ran> {
    let attempts = 0;
    const result = await this.validate(command, () => {
      attempts++;
    });
    return { result, attempts };
  }

  private async validate(
    command: CheckoutCommand,
    onAttempt: () => void,
  ): Promise<Result<CheckoutResponse, CheckoutFailure>> {
    const config = this.ports.config();
    if (!config.ok) return err({ kind: 'config' });
    const account = config.value.accounts.get(command.account);
    if (!account) return err({ kind: 'config' });
    const spendgo = this.ports.spendgo(config.value, account, onAttempt);
    const requested = await requestedReward(spendgo, command, (rewardId) => this.heldElsewhere(command, rewardId));
    if (!requested.ok) return err({ kind: 'spendgo', failure: requested.error });
    const reward = typeof requested.value === 'string' ? null : requested.value;
    const body = spendgoOrderBody(command.cart, {
      status: 'checkout',
      brand: account.accountId,
      reward: reward && { id: reward.id, discount: reward.discount },
    });
    const answer = await spendgo.order(command.memberId ?? 'guest', 'checkout', body);
    const verdict = checkoutVerdict(requested.value, answer, command.cart.subtotal);
    if (!verdict.ok) return err({ kind: 'spendgo', failure: verdict.error });
    const { applied, reason, message } = verdict.value;
    const checkoutId = checkoutIdOf(this.ctx.id);
    const expiresAt = command.now + CHECKOUT_TTL_SECONDS;
    const response: CheckoutResponse = {
      checkout_id: checkoutId,
      discount: verdict.value.discount,
      reward_applied: applied,
      reason,
      message,
      currency: command.currency,
      expires_at: new Date(expiresAt * 1000).toISOString(),
    };
    const record: CheckoutRecordData = {
      checkoutId,
      clientId: command.clientId,
      account: command.account,
      memberId: command.memberId,
      store: command.cart.store,
      rewardId: applied ? command.reward!.id : null,
      rewardCopies: reward?.copies ?? 1,
      discount: response.discount,
      cartFingerprint: command.cartFingerprint,
      cart: command.cart,
      expiresAt,
    };
    // A checkout validated again after expiring keeps the order that holds it.
    const claimedBy = (await this.stored())?.claimedBy ?? null;
    await this.ctx.storage.put<Stored>('checkout', { requestHash: command.requestHash, response, record, claimedBy });
    await this.ctx.storage.setAlarm((expiresAt + RETAIN_SECONDS) * 1000);
    return ok(response);
  }

  /** Copies of the reward held by the member's other placed, unbilled orders (not this checkout's own). */
  private async heldElsewhere(command: CheckoutCommand, rewardId: string): Promise<number> {
    const ownOrder = (await this.stored())?.claimedBy ?? null;
    const holds = await rewardHolds(this.env.REWARD_HOLDS, command.account, command.memberId!).live();
    return holds.filter((h) => h.rewardId === rewardId && h.orderKey !== ownOrder).length;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}

/**
 * The reward as Spendgo's checkout must receive it: with a `discount` (API v2.1.1 requires it),
 * the reward's value as rewards-by-store lists it for this member and store, or the amount the
 * member chose of a P_ reward (as asked: Spendgo answers an amount above the balance with its
 * own message, which the member should see). 'not_listed' when the member does not have it here;
 * 'held' when every copy is held for the member's other placed, unbilled orders.
 */
async function requestedReward(
  spendgo: SpendgoClient,
  command: CheckoutCommand,
  heldElsewhere: (rewardId: string) => Promise<number>,
): Promise<Result<RequestedReward, SpendgoFailure>> {
  if (!command.reward || command.memberId === null) return ok(null);
  const listed = await spendgo.rewards(command.memberId, command.cart.store);
  if (!listed.ok) return listed;
  const copies = listed.value.filter((r) => r.id === command.reward?.id);
  const found = copies[0];
  if (!found) return ok('not_listed');
  const count = Math.max(
    1,
    copies.reduce((n, r) => n + r.quantity, 0),
  );
  if ((await heldElsewhere(found.id!)) >= count) return ok('held');
  return ok({ id: found.id!, discount: cents(command.reward.amount ?? found.value ?? 0), copies: count });
}

/** Checks a `placed` against the checkout it names and claims it for order `orderKey`, in the checkout's own object. */
export async function claimNamedCheckout(
  namespace: DurableObjectNamespace<CheckoutRecord>,
  orderKey: string,
  client: { clientId: string; account: string },
  event: PlacedEvent,
  nowSeconds: number,
): Promise<Result<PlacedOrder, Refusal>> {
  const stub = checkoutRecordById(namespace, event.checkout_id);
  if (!stub) return err(refusal('checkout_not_found', 'No checkout with this id for this client.'));
  const fingerprint = await cartFingerprint(event);
  return stub.claim({ orderKey, ...client, event, fingerprint, now: nowSeconds });
}

/** Gives back a checkout that order `orderKey` holds. */
export async function releaseNamedCheckout(
  namespace: DurableObjectNamespace<CheckoutRecord>,
  checkoutId: string,
  orderKey: string,
): Promise<void> {
  await checkoutRecordById(namespace, checkoutId)?.release(orderKey);
}
