// The payments rule on its own: at billed the tenders add up to the total to the cent (split
// tenders and the tip included); at placed they cover it; either way a short payment is refused.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../shared/wire';
import { paymentsRefusal, paymentsSum } from './payments';

const pay = (...amounts: number[]): Payment[] => amounts.map((amount) => ({ tender: 'credit', amount }));

describe('payments', () => {
  it('billed: exactly the total, however it is split', () => {
    expect(paymentsRefusal('billed', pay(10.28), 10.28)).toBeNull();
    expect(paymentsRefusal('billed', pay(0.1, 0.2, 9.98), 10.28)).toBeNull();
    expect(paymentsRefusal('billed', pay(1.5), 10.28)?.code).toBe('payments_mismatch');
    expect(paymentsRefusal('billed', pay(10.29), 10.28)?.code).toBe('payments_mismatch');
    expect(paymentsRefusal('billed', pay(0), 0)).toBeNull();
  });

  it('placed: at least the total (an authorisation may cover more), never less', () => {
    expect(paymentsRefusal('placed', pay(10.28), 10.28)).toBeNull();
    expect(paymentsRefusal('placed', pay(15.28), 10.28)).toBeNull();
    expect(paymentsRefusal('placed', pay(0.01), 10.28)?.message).toContain('10.28');
    expect(paymentsRefusal('placed', pay(5, 5.27), 10.28)?.code).toBe('payments_mismatch');
  });

  it('for any split of a total in cents, billed takes it, and takes nothing a cent away', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 10 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0) / 100;
        const payments = pay(...parts.map((c) => c / 100));
        expect(paymentsSum(payments)).toBe(total);
        expect(paymentsRefusal('billed', payments, total)).toBeNull();
        expect(paymentsRefusal('billed', payments, total + 0.01)).not.toBeNull();
        expect(paymentsRefusal('placed', payments, total + 0.01)).not.toBeNull();
      }),
    );
  });
});
