import { describe, expect, it } from 'vitest';
import type { SpendgoFailure } from '../spendgo/client';
import { alarmRetryDelayMs, backoffMs, nextAlarmAt, nextStep } from './delivery';
import type { OrderEventType } from './machine';

const policy = (replaySafe: boolean) => ({ retryBaseMs: 1000, retryMaxMs: 60_000, maxAttempts: 10, replaySafe });
const failed = (error: SpendgoFailure) => ({ ok: false as const, error });

describe('what the outbox does after a failure', () => {
  const timeout: SpendgoFailure = { kind: 'unavailable', status: null };
  const serverError: SpendgoFailure = { kind: 'unavailable', status: 502 };
  const rateLimited: SpendgoFailure = { kind: 'unavailable', status: 429 };
  const unreadable: SpendgoFailure = { kind: 'bad_response' };
  const refused: SpendgoFailure = { kind: 'rejected', status: 400, code: 400, details: 'Reward could not be applied.' };

  it.each<[string, OrderEventType, SpendgoFailure, boolean, string]>([
    ['a timeout on completed, not replay-safe', 'completed', timeout, false, 'reconcile'],
    ['a 5xx after sending billed, not replay-safe', 'billed', serverError, false, 'reconcile'],
    ['an unreadable answer to refunded, not replay-safe', 'refunded', unreadable, false, 'reconcile'],
    ['a timeout on voided, replay-safe', 'voided', timeout, true, 'retry'],
    ['a 429 on billed (not processed), not replay-safe', 'billed', rateLimited, false, 'retry'],
    ['a timeout on placed (moves no money), not replay-safe', 'placed', timeout, false, 'retry'],
    ['a refusal, either way', 'billed', refused, false, 'dead'],
  ])('%s: %s', (_, type, error, replaySafe, kind) => {
    expect(nextStep(type, failed(error), 1, policy(replaySafe), 0, 0.5).kind).toBe(kind);
  });

  it('says what is unknown and what the merchant can do', () => {
    const step = nextStep('completed', failed(timeout), 1, policy(false), 0, 0.5);
    expect(step).toMatchObject({
      kind: 'reconcile',
      reason: expect.stringMatching(/unknown whether.*confirm.*re-drive/),
    });
  });

  it('giving up says whether a re-drive is known to be safe', () => {
    const last = (replaySafe: boolean) => nextStep('placed', failed(timeout), 10, policy(replaySafe), 0, 0.5);
    expect(last(true)).toMatchObject({ kind: 'dead', reason: expect.stringContaining('answers as a replay') });
    expect(last(false)).toMatchObject({ kind: 'dead', reason: expect.stringContaining('check the order at Spendgo') });
  });

  it('a retry waits twice as long each time, with jitter, never longer than the cap', () => {
    expect([1, 2, 3, 6, 7, 20].map((attempt) => backoffMs(attempt, 1000, 60_000, 0.999999))).toEqual([
      1000, 2000, 4000, 32_000, 60_000, 60_000,
    ]);
    expect(backoffMs(20, 1000, 60_000, 0)).toBe(30_000);
    expect(nextStep('placed', failed(timeout), 9, policy(false), 5, 0.999999)).toMatchObject({
      kind: 'retry',
      at: 60_005,
    });
  });

  it('an alarm that throws tries again, doubling, never later than 5 minutes', () => {
    expect([1, 2, 3, 8, 20].map(alarmRetryDelayMs)).toEqual([2_000, 4_000, 8_000, 256_000, 300_000]);
  });
});

describe('when the order wakes next', () => {
  const now = 1_000;
  it('is the soonest of the next attempt, the hold’s end and the next webhook; never in the past', () => {
    expect(nextAlarmAt(now, 5_000, 3_000, 4_000)).toBe(3_000);
    expect(nextAlarmAt(now, 500, null, null)).toBe(now);
    expect(nextAlarmAt(now, null, null, 200)).toBe(now);
    expect(nextAlarmAt(now, undefined, null, 9_000)).toBe(9_000);
  });
  it('is never when nothing is pending, held or due', () => {
    expect(nextAlarmAt(now, undefined, null, null)).toBe(Infinity);
  });
});
