// The hold rules on their own: when a hold ends, how far it may reach, that it only ever moves
// later on a placed order, how many orders a member's copies can back, and how holds are marked
// on the member's listing.

import { describe, expect, it } from 'vitest';
import { reward as fixture } from '../../../shared/fixtures';
import { extendedUntil, holdEnded, holdUntil, MAX_HOLD_MS, mayHold, withHolds, type RewardHold } from './hold';

const NOW = 1_800_000_000_000;
const hold = (orderKey: string, rewardId: string, placedAt = NOW, until = NOW + 60_000): RewardHold => ({
  orderKey,
  rewardId,
  placedAt,
  until,
});

const reward = (id: string, label: string, quantity = 1) => fixture(id, label, { quantity });

/** A client's windows: an hour from placed, ten minutes after the order's time. */
const WINDOWS = { holdSeconds: 3600, afterWantedSeconds: 600 };

describe('a hold’s end', () => {
  it('defaults to the client’s window and takes a requested end within 30 days', () => {
    expect(holdUntil(undefined, null, WINDOWS, NOW)).toEqual({ ok: true, value: NOW + 3600_000 });
    expect(holdUntil(new Date(NOW + 5_000).toISOString(), null, WINDOWS, NOW)).toEqual({
      ok: true,
      value: NOW + 5_000,
    });
    for (const at of [NOW, NOW - 1, NOW + MAX_HOLD_MS + 1])
      expect(holdUntil(new Date(at).toISOString(), null, WINDOWS, NOW)).toMatchObject({
        ok: false,
        error: { code: 'invalid_hold' },
      });
  });

  it('for an order with a time (a reservation) runs until that time plus the window after it, within the cap', () => {
    expect(holdUntil(undefined, NOW + 86_400_000, WINDOWS, NOW)).toEqual({
      ok: true,
      value: NOW + 86_400_000 + 600_000,
    });
    // Asked for explicitly, hold_until wins over the reservation.
    expect(holdUntil(new Date(NOW + 5_000).toISOString(), NOW + 86_400_000, WINDOWS, NOW)).toMatchObject({
      value: NOW + 5_000,
    });
    // A pickup a little late still holds for the rest of its window.
    expect(holdUntil(undefined, NOW - 60_000, WINDOWS, NOW)).toEqual({ ok: true, value: NOW + 540_000 });
    for (const wanted of [NOW - 600_000, NOW + MAX_HOLD_MS])
      expect(holdUntil(undefined, wanted, WINDOWS, NOW)).toMatchObject({ ok: false, error: { code: 'invalid_hold' } });
  });

  it('moves only later, only while placed', () => {
    const later = new Date(NOW + 120_000).toISOString();
    expect(extendedUntil('placed', NOW + 60_000, later, NOW)).toEqual({ ok: true, value: NOW + 120_000 });
    expect(extendedUntil('placed', NOW + 180_000, later, NOW)).toMatchObject({ error: { code: 'invalid_hold' } });
    for (const status of ['billed', 'voided', 'completed'] as const)
      expect(extendedUntil(status, NOW + 60_000, later, NOW)).toMatchObject({ error: { code: 'hold_not_active' } });
    expect(holdEnded('placed', NOW, NOW)).toBe(true);
    expect(holdEnded('placed', NOW + 1, NOW)).toBe(false);
    expect(holdEnded('billed', NOW - 1, NOW)).toBe(false);
  });
});

describe('copies held', () => {
  it('lets as many orders hold a reward as the member has copies, a retry again, and ignores ended holds', () => {
    const holds = [hold('shop:A', 'r1'), hold('shop:B', 'r2')];
    expect(mayHold(holds, 'shop:C', 'r1', 2, NOW)).toEqual({ ok: true, value: 'new' });
    expect(mayHold(holds, 'shop:C', 'r1', 1, NOW)).toMatchObject({ ok: false, error: { code: 'reward_held' } });
    expect(mayHold(holds, 'shop:A', 'r1', 1, NOW)).toEqual({ ok: true, value: 'already' });
    expect(mayHold([hold('shop:A', 'r1', NOW - 9, NOW)], 'shop:C', 'r1', 1, NOW)).toEqual({ ok: true, value: 'new' });
  });

  it('marks each hold on a listed copy of its reward, at most as many as the row holds', () => {
    const listed = [reward('r1', '$5 Off'), reward('r1', '$5 Off'), reward('r2', 'Free')];
    const marked = withHolds(listed, [
      hold('shop:A', 'r1', NOW + 2),
      hold('shop:B', 'r1', NOW + 1),
      hold('shop:C', 'r3'),
    ]);
    expect(marked.map((r) => r.held?.map((h) => h.placed_at))).toEqual([
      [new Date(NOW + 1).toISOString()],
      [new Date(NOW + 2).toISOString()],
      [],
    ]);
  });
});
