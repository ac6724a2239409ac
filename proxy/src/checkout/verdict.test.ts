// The checkout's verdict on the chosen reward, for every way Spendgo or the proxy can answer:
// a discount only when Spendgo gave one without a refusal, capped at the subtotal; every
// refusal with its stable reason; any other Spendgo failure fails the checkout.
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import type { SpendgoTransaction } from '../spendgo/wire';
import { checkoutVerdict } from './verdict';

const reward = { id: '2234402', discount: 5, copies: 1 };
const answered = (discount: number, message: string | null = null) =>
  ok<SpendgoTransaction>({ id: null, status: 'checkout', discount, message });

describe('checkoutVerdict', () => {
  it('applies the discount Spendgo validated, never more than the subtotal', () => {
    expect(checkoutVerdict(reward, answered(5), 18)).toEqual(
      ok({ discount: 5, applied: true, reason: null, message: null }),
    );
    expect(checkoutVerdict(reward, answered(25), 18)).toEqual(
      ok({ discount: 18, applied: true, reason: null, message: null }),
    );
  });

  it.each([
    ['its message at 200, with a discount', answered(5, 'Spend at least $10.'), 'Spend at least $10.'],
    ['no discount and no words', answered(0), null],
    [
      'a 4xx (docs/spendgo-api.md A7)',
      err({ kind: 'rejected' as const, status: 400, code: 400, details: 'Reward could not be applied.' }),
      'Reward could not be applied.',
    ],
    [
      'a 4xx without details',
      err({ kind: 'rejected' as const, status: 400, code: 400, details: '' }),
      'This reward cannot be used with this order.',
    ],
  ])('reads Spendgo refusing the reward with %s as reward_not_applied', (_, answer, message) => {
    expect(checkoutVerdict(reward, answer, 18)).toEqual(
      ok({ discount: 0, applied: false, reason: 'reward_not_applied', message }),
    );
  });

  it('gives the proxy’s own reasons for a reward not listed here or held for another order', () => {
    expect(checkoutVerdict('not_listed', answered(0), 18)).toMatchObject(
      ok({ discount: 0, applied: false, reason: 'reward_not_available' }),
    );
    expect(checkoutVerdict('held', answered(0), 18)).toMatchObject(
      ok({ discount: 0, applied: false, reason: 'reward_held' }),
    );
  });

  it('validates a cart without a reward with no discount and no reason', () => {
    expect(checkoutVerdict(null, answered(3), 18)).toEqual(
      ok({ discount: 0, applied: false, reason: null, message: null }),
    );
  });

  it('fails the checkout on any other failure, and on a 4xx when no reward was asked for', () => {
    const unavailable = err({ kind: 'unavailable' as const, status: 503 });
    expect(checkoutVerdict(reward, unavailable, 18)).toEqual(unavailable);
    const rejected = err({ kind: 'rejected' as const, status: 400, code: 2000, details: 'Bad cart.' });
    expect(checkoutVerdict(null, rejected, 18)).toEqual(rejected);
    expect(checkoutVerdict('held', rejected, 18)).toEqual(rejected);
  });
});
