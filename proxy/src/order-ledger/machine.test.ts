import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderEventTypes, transition, type OrderEventType, type OrderStatus } from './machine';

const statuses: OrderStatus[] = ['new', 'placed', 'billed', 'completed', 'voided', 'refunded'];

// Every pair of state and event (no earlier acceptance of the same event).
const table: Record<OrderStatus, Partial<Record<OrderEventType, OrderStatus>>> = {
  new: { placed: 'placed' },
  placed: { billed: 'billed', voided: 'voided' },
  billed: { completed: 'completed', voided: 'voided' },
  completed: { refunded: 'refunded' },
  voided: {},
  refunded: {},
};

describe('transition', () => {
  for (const status of statuses) {
    for (const event of orderEventTypes) {
      const next = table[status][event];
      it(`${status} + ${event} → ${next ?? 'rejected'}`, () => {
        const result = transition(status, [], event);
        if (next) expect(result).toEqual({ kind: 'apply', next });
        else expect(result).toMatchObject({ kind: 'reject', reason: expect.stringContaining(status) });
      });
    }
  }

  it('points a refund before completion to voided', () => {
    expect(transition('billed', ['placed', 'billed'], 'refunded')).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('void the order'),
    });
  });

  it('answers an already accepted event as a repeat, whatever the state', () => {
    expect(transition('completed', ['placed', 'billed', 'completed'], 'billed')).toEqual({ kind: 'repeat' });
    expect(transition('voided', ['placed', 'voided'], 'placed')).toEqual({ kind: 'repeat' });
  });
});

/** The lifecycles Spendgo allows, as a model independent of the machine's table. */
function legalPath(path: readonly OrderEventType[]): boolean {
  const text = path.join('>');
  return [
    'placed',
    'placed>billed',
    'placed>voided',
    'placed>billed>completed',
    'placed>billed>voided',
    'placed>billed>completed>refunded',
    '',
  ].includes(text);
}

describe('random event sequences (model-based)', () => {
  it('never reach an illegal state, and accept exactly the legal prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...orderEventTypes), { maxLength: 12 }), (events) => {
        let status: OrderStatus = 'new';
        const accepted: OrderEventType[] = [];
        for (const event of events) {
          const result = transition(status, accepted, event);
          if (result.kind === 'apply') {
            status = result.next;
            accepted.push(event);
          }
          if (result.kind === 'repeat') expect(accepted).toContain(event);
          expect(legalPath(accepted)).toBe(true);
          expect(status).toBe(accepted.at(-1) ?? 'new');
        }
        // A completed order was billed; a refunded order was billed; voided never follows completed.
        if (accepted.includes('completed') || accepted.includes('refunded')) expect(accepted).toContain('billed');
        if (accepted.includes('voided')) expect(accepted).not.toContain('completed');
      }),
      { numRuns: 5000 },
    );
  });
});
