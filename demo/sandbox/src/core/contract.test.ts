import { describe, expect, it } from 'vitest';
import { contractProblem, type CompatSwitch } from './contract';
import type { OrderRequest } from './wire';

const base: OrderRequest = {
  status: 'placed',
  id: 'A-1',
  vendor: '999999',
  brand: '33559',
  source: 'web',
  subtotal: 10,
  payments: [{ tender: 'credit', amount: 5 }],
  basket: {
    rewards: [{ provider: 'Spendgo', id: '2234402', level: 'basket', discount: 5 }],
    posEntries: [{ posItem: { label: 'Salad', cost: 10 }, quantity: 1 }],
  },
};

const none = new Set<CompatSwitch>();

describe("Spendgo's order contract (API v2.1.1)", () => {
  it('accepts a complete order call', () => {
    expect(contractProblem(base, none)).toBeNull();
    expect(contractProblem({ ...base, status: 'checkout', payments: undefined }, none)).toBeNull();
    // The documents' example sends payments as one object (docs/spendgo-api.md A11).
    expect(contractProblem({ ...base, payments: { tender: 'cash', amount: 5 } }, none)).toBeNull();
  });

  it.each<[string, OrderRequest, RegExp, CompatSwitch]>([
    ['an empty basket', { ...base, basket: { ...base.basket, posEntries: [] } }, /posEntries/, 'empty_basket'],
    [
      'a reward without its discount',
      { ...base, basket: { ...base.basket, rewards: [{ id: '2234402' }] } },
      /rewards\[0\]\.discount is required/,
      'optional_reward_discount',
    ],
    [
      'placed without payments',
      { ...base, payments: undefined },
      /payments are required for placed/,
      'optional_payments',
    ],
    [
      'billed with an empty payments list',
      { ...base, status: 'billed', payments: [] },
      /for billed/,
      'optional_payments',
    ],
  ])('refuses %s, unless its compatibility switch is on', (_, req, problem, relax) => {
    expect(contractProblem(req, none)).toMatch(problem);
    expect(contractProblem(req, new Set([relax]))).toBeNull();
  });
});
