// How the outbox reacts to one Spendgo answer: delivered, retry later (with exponential backoff
// and jitter), or dead-lettered with a reason. Pure: attempts, randomness and the clock come in.

import type { SpendgoFailure } from '../spendgo/client';
import type { SpendgoTransaction } from '../spendgo/wire';

const MAX_DELAY_MS = 5 * 60_000;

export type DeliveryOutcome =
  | { kind: 'delivered'; transaction: SpendgoTransaction }
  | { kind: 'retry'; at: number; error: string }
  | { kind: 'dead'; reason: string };

export interface DeliveryPolicy {
  retryBaseMs: number;
  maxAttempts: number;
}

export function backoffMs(attempt: number, baseMs: number, random: number): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
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
  result: { ok: true; value: SpendgoTransaction } | { ok: false; error: SpendgoFailure },
  attempt: number,
  policy: DeliveryPolicy,
  now: number,
  random: number,
): DeliveryOutcome {
  if (result.ok) return { kind: 'delivered', transaction: result.value };
  const { retryable, text } = describe(result.error);
  if (!retryable) return { kind: 'dead', reason: text };
  if (attempt >= policy.maxAttempts)
    return {
      kind: 'dead',
      // An answer that never came may hide an applied call: say so. A re-drive repeats the same
      // call, which Spendgo answers as a replay (spendgo-api.md A15, the sandbox's choice).
      reason: `Gave up after ${attempt} attempts; last: ${text}. Spendgo may have applied it: a re-drive repeats the same call, which Spendgo answers as a replay.`,
    };
  return { kind: 'retry', at: now + backoffMs(attempt, policy.retryBaseMs, random), error: text };
}
