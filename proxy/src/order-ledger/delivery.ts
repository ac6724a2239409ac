// How the outbox reacts to one Spendgo answer: delivered, retry later (with exponential backoff
// and jitter), dead-lettered with a reason, or stopped for the merchant to reconcile. A state
// change that moves rewards or points (billed, completed, voided, refunded) whose answer never
// came may have been applied; it is repeated only where Spendgo is known to answer a repeat as a
// replay (SPENDGO_REPLAY_SAFE), never on a guess (docs/spendgo-api.md A15). Pure: attempts,
// randomness and the clock come in.

import type { Result } from '../../../shared/result';
import type { SpendgoFailure } from '../spendgo/client';
import type { SpendgoTransaction } from '../spendgo/wire';
import type { OrderEventType } from './machine';

/** The longest an alarm that threw waits before it tries again. */
const MAX_ALARM_DELAY_MS = 5 * 60_000;

export type DeliveryOutcome =
  | { kind: 'delivered'; transaction: SpendgoTransaction }
  | { kind: 'retry'; at: number; error: string }
  /** `refused`: Spendgo answered no (a 4xx), so the call was not applied; else delivery gave up
   * on answers that never came, and Spendgo may have applied it. */
  | { kind: 'dead'; reason: string; refused: boolean }
  | { kind: 'reconcile'; reason: string };

export interface DeliveryPolicy {
  retryBaseMs: number;
  /** The longest a retry waits: after an outage, the first order to get through is at most this
   * late, and then wakes the others (recovery.ts). */
  retryMaxMs: number;
  maxAttempts: number;
  replaySafe: boolean;
}

/** The steps whose repeat could move rewards or points twice. */
const MONEY_STEPS: readonly OrderEventType[] = ['billed', 'completed', 'voided', 'refunded'];

/** A failure after which Spendgo may or may not have applied the call. A 429 was not processed. */
function ambiguous(failure: SpendgoFailure): boolean {
  return (failure.kind === 'unavailable' && failure.status !== 429) || failure.kind === 'bad_response';
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.max(1, Math.round(exponential * (0.5 + random / 2)));
}

function describe(failure: SpendgoFailure): { retryable: boolean; text: string } {
  switch (failure.kind) {
    case 'unavailable':
      return {
        retryable: true,
        text: `Spendgo unavailable (${failure.status === null ? 'timeout or network error' : `HTTP ${failure.status}`})`,
      };
    case 'bad_response':
      return { retryable: true, text: 'Spendgo sent an unreadable response' };
    case 'rejected':
      return {
        retryable: false,
        text: `Spendgo refused it (HTTP ${failure.status}, code ${failure.code ?? 'none'}): ${failure.details || 'no reason given'}`,
      };
    case 'credentials':
    case 'token_invalid':
      return { retryable: false, text: "Spendgo refused the proxy's credentials" };
    case 'member_not_found':
      return { retryable: false, text: 'Spendgo does not know this member' };
    case 'store_unknown':
      return { retryable: false, text: 'Spendgo does not know this store' };
  }
}

/** `attempt` counts the attempt just made, from 1. */
export function nextStep(
  type: OrderEventType,
  result: Result<SpendgoTransaction, SpendgoFailure>,
  attempt: number,
  policy: DeliveryPolicy,
  now: number,
  random: number,
): DeliveryOutcome {
  if (result.ok) return { kind: 'delivered', transaction: result.value };
  const { retryable, text } = describe(result.error);
  if (!retryable) return { kind: 'dead', reason: text, refused: true };
  if (!policy.replaySafe && MONEY_STEPS.includes(type) && ambiguous(result.error))
    return {
      kind: 'reconcile',
      reason:
        `${text}: Spendgo's answer to ${type} never came, so it is unknown whether Spendgo applied it, ` +
        `and a repeat is not known to be safe (SPENDGO_REPLAY_SAFE is off). Check the order at Spendgo, ` +
        `then confirm the event if it was applied, or re-drive it if it was not.`,
    };
  if (attempt >= policy.maxAttempts)
    return {
      kind: 'dead',
      refused: false,
      // An answer that never came may hide an applied call: say so, and whether a repeat is known to be safe.
      reason:
        `Gave up after ${attempt} attempts; last: ${text}. Spendgo may have applied it: a re-drive repeats the same call` +
        (policy.replaySafe
          ? ', which Spendgo answers as a replay (SPENDGO_REPLAY_SAFE).'
          : '; check the order at Spendgo first (confirm it if it was applied).'),
    };
  return { kind: 'retry', at: now + backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs, random), error: text };
}

/** When the order's alarm must next fire (ms; Infinity for never): the soonest of the next pending
 * event's attempt (now if it is due), the end of a placed order's hold, and the next webhook due. */
export function nextAlarmAt(
  now: number,
  nextAttemptAt: number | null | undefined,
  holdUntil: number | null,
  nextWebhookAt: number | null,
): number {
  return Math.min(
    nextAttemptAt === undefined ? Infinity : Math.max(now, nextAttemptAt ?? now),
    holdUntil ?? Infinity,
    nextWebhookAt === null ? Infinity : Math.max(now, nextWebhookAt),
  );
}

/** How long an alarm that threw waits before it tries again: doubling from 2 s, at most 5 minutes. */
export function alarmRetryDelayMs(consecutiveFailures: number): number {
  return Math.min(MAX_ALARM_DELAY_MS, 1_000 * 2 ** Math.min(Math.max(1, consecutiveFailures), 9));
}

/** The log line for an event that stopped (ids and types only: never a body or an answer). */
export function stoppedLogLine(
  kind: 'dead' | 'reconcile',
  clientId: string,
  row: { seq: number; type: OrderEventType },
): string {
  return JSON.stringify({
    level: 'warn',
    msg: kind === 'dead' ? 'order_event_dead_lettered' : 'order_event_needs_reconciliation',
    client_id: clientId,
    seq: row.seq,
    type: row.type,
  });
}
