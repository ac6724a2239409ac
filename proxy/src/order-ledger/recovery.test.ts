import { describe, expect, it } from 'vitest';
import { IN_FLIGHT_MS, toWake, type WaitingRow } from './recovery';

const row = (order_id: string, due_at: number, woken_at: number | null = null): WaitingRow => ({
  order_id,
  due_at,
  woken_at,
});

describe('which waiting orders a recovery wakes', () => {
  it('wakes the soonest due first, as many as the window holds', () => {
    const rows = [row('c', 30), row('a', 10), row('b', 20), row('d', 40)];
    expect(toWake(rows, 1000, 3)).toEqual(['a', 'b', 'c']);
  });

  it('counts woken orders that have not reported back against the window', () => {
    const rows = [row('a', 10, 990), row('b', 20, 995), row('c', 30), row('d', 40)];
    expect(toWake(rows, 1000, 3)).toEqual(['c']);
    expect(toWake(rows, 1000, 2)).toEqual([]);
  });

  it('stops counting a woken order that never reported back, and may wake it again', () => {
    const now = 10 * IN_FLIGHT_MS;
    const rows = [row('lost', 10, now - IN_FLIGHT_MS), row('b', 20)];
    expect(toWake(rows, now, 1)).toEqual(['lost']);
  });

  it('wakes nobody when nobody waits', () => {
    expect(toWake([], 1000)).toEqual([]);
  });
});
