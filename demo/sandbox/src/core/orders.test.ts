import { describe, expect, it } from 'vitest';
import { canMove, type OrderStatus } from './orders';

const states: (OrderStatus | null)[] = [null, 'placed', 'billed', 'completed', 'voided', 'refunded'];
const events: OrderStatus[] = ['placed', 'billed', 'completed', 'voided', 'refunded'];

// Spendgo's lifecycle (docs/spendgo-api.md §5.5, A15): every pair of state and event.
const allowed = new Set([
  'null>placed',
  'placed>billed',
  'placed>voided',
  'billed>completed',
  'billed>voided',
  'completed>refunded',
]);

describe('canMove', () => {
  for (const from of states) {
    for (const to of events) {
      const expected = allowed.has(`${from}>${to}`);
      it(`${from ?? 'new'} → ${to}: ${expected ? 'allowed' : 'rejected'}`, () => {
        expect(canMove(from, to)).toBe(expected);
      });
    }
  }

  it('billed → refunded only with the refund_before_completion switch', () => {
    expect(canMove('billed', 'refunded', true)).toBe(true);
    expect(canMove('placed', 'refunded', true)).toBe(false);
  });
});
