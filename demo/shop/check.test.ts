// The money rules of a table's check, attacked: two diners paying for one line, the check paid
// twice over, a declined card releasing more than its own part, shares that do not add up.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSubtotal, checkView, release, reserve, settle, type Check } from './check';

const check = (): Check => ({
  id: 'chk-1',
  table: '12',
  store: '999999',
  client_id: 'demo-storefront',
  lines: [
    { line: 'L1', product_id: 'TURKEY', label: 'Turkey Sandwich', unit_cost: 9 },
    { line: 'L2', product_id: 'SALAD', label: 'Garden Salad', unit_cost: 12.5 },
    { line: 'L3', product_id: 'COOKIE', label: 'Cookie', unit_cost: 2.5 },
    { line: 'L4', product_id: 'LATTE', label: 'Latte', unit_cost: 4.75 },
  ],
  split: null,
  payments: [],
});

let n = 0;
const ids = () => ({ id: `p${String(++n)}`, order_id: `o${String(n)}` });

function must(result: ReturnType<typeof reserve>) {
  if (!result.ok) throw new Error(result.refusal);
  return result;
}

describe('a line is paid once', () => {
  it('two diners choosing the same line: the second is refused, whatever else they chose', () => {
    const first = must(reserve(check(), { lines: ['L1', 'L3'] }, ids(), 0));
    expect(reserve(first.check, { lines: ['L3'] }, ids(), 0)).toEqual({ ok: false, refusal: 'already_paid' });
    expect(reserve(first.check, { lines: ['L2', 'L1'] }, ids(), 0)).toEqual({ ok: false, refusal: 'already_paid' });
    expect(must(reserve(first.check, { lines: ['L2'] }, ids(), 0)).portion.subtotal).toBe(12.5);
  });

  it('a line named twice in one payment is paid for once', () => {
    expect(must(reserve(check(), { lines: ['L1', 'L1'] }, ids(), 0)).portion.subtotal).toBe(9);
  });

  it('a declined card releases its own lines only', () => {
    const a = must(reserve(check(), { lines: ['L1'] }, { id: 'a', order_id: 'oa' }, 0));
    const b = must(reserve(a.check, { lines: ['L2'] }, { id: 'b', order_id: 'ob' }, 0));
    const after = release(b.check, 'a');
    expect(checkView(after).lines.map((l) => l.state)).toEqual(['open', 'pending', 'open', 'open']);
    // A paid payment is never released.
    expect(release(settle(after, 'b'), 'b').payments).toHaveLength(1);
  });
});

describe('the check cannot be overpaid', () => {
  it('equal shares add up to the check to the cent, and there are only as many as the split', () => {
    let current = check();
    const subtotals: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = must(reserve(current, { shares: 3 }, ids(), 0));
      subtotals.push(r.portion.subtotal);
      current = r.check;
    }
    expect(Math.round(subtotals.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(checkSubtotal(check()) * 100));
    expect(subtotals).toEqual([9.59, 9.58, 9.58]);
    expect(reserve(current, { shares: 3 }, ids(), 0)).toEqual({ ok: false, refusal: 'no_share_left' });
    expect(reserve(current, { shares: 4 }, ids(), 0)).toEqual({ ok: false, refusal: 'bad_share_count' });
  });

  it('a split is one way: no lines once shares are paid, no other count, and the reverse', () => {
    const shared = must(reserve(check(), { shares: 2 }, ids(), 0)).check;
    expect(reserve(shared, { lines: ['L1'] }, ids(), 0)).toEqual({ ok: false, refusal: 'split_differently' });
    expect(reserve(shared, { shares: 3 }, ids(), 0)).toEqual({ ok: false, refusal: 'bad_share_count' });
    const byLines = must(reserve(check(), { lines: ['L1'] }, ids(), 0)).check;
    expect(reserve(byLines, { shares: 2 }, ids(), 0)).toEqual({ ok: false, refusal: 'split_differently' });
  });

  it('whatever diners do, no line is held twice and the payments never exceed the check', () => {
    const ask = fc.oneof(
      fc.record({ lines: fc.subarray(['L1', 'L2', 'L3', 'L4', 'L9'], { minLength: 1 }) }),
      fc.record({ shares: fc.integer({ min: 1, max: 5 }) }),
    );
    const step = fc.oneof(
      ask.map((a) => ({ kind: 'reserve' as const, ask: a })),
      fc.nat(9).map((i) => ({ kind: 'settle' as const, i })),
      fc.nat(9).map((i) => ({ kind: 'release' as const, i })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let current = check();
        for (const s of steps) {
          if (s.kind === 'reserve') {
            const r = reserve(current, s.ask, ids(), 0);
            if (r.ok) current = r.check;
          } else {
            const p = current.payments[s.i % Math.max(1, current.payments.length)];
            if (p) current = s.kind === 'settle' ? settle(current, p.id) : release(current, p.id);
          }
        }
        const held = current.payments.flatMap((p) => p.lines ?? []);
        expect(new Set(held).size).toBe(held.length);
        const cents = current.payments.reduce((sum, p) => sum + Math.round(p.subtotal * 100), 0);
        expect(cents).toBeLessThanOrEqual(Math.round(checkSubtotal(current) * 100));
      }),
    );
  });
});
