import { expect } from '@open-wc/testing';
import { checkoutRequest, discountChange } from '../src/checkout-model';
import { customStates, formState, needsEngine, phaseOf } from '../src/view-model';
import { reward } from './fake-proxy';

describe('phaseOf', () => {
  const cases: [Parameters<typeof phaseOf>, string][] = [
    [[false, 'signed-in', 'ready', true], 'unconfigured'],
    [[true, 'unknown', 'idle', false], 'loading'],
    [[true, 'signing-in', 'idle', false], 'signing-in'],
    [[true, 'signed-out', 'idle', false], 'signed-out'],
    [[true, 'signed-in', 'loading', false], 'loading'],
    [[true, 'signed-in', 'loading', true], 'ready'],
    [[true, 'signed-in', 'error', false], 'error'],
    [[true, 'signed-in', 'error', true], 'ready'],
    [[true, 'signed-in', 'offline', true], 'offline'],
  ];
  for (const [args, phase] of cases) {
    it(`${args.join(', ')} → ${phase}`, () => {
      expect(phaseOf(...args)).to.equal(phase);
    });
  }
});

describe('checkoutRequest', () => {
  const cart = { items: [{ label: 'Tea', unit_cost: 3, quantity: 2 }], subtotal: 6, tax: 0.5 };
  it('sends a normal reward without an amount', () => {
    expect(checkoutRequest(cart, '1', reward('9', '$5 Off'), 2)).to.deep.equal({
      store: '1',
      items: cart.items,
      subtotal: 6,
      tax: 0.5,
      reward: { id: '9' },
    });
  });
  it('sends the chosen amount of a points reward, or its whole value', () => {
    const swp = reward('P_SWP', 'Shop With Points', { points_reward: true, value: 20 });
    expect(checkoutRequest(cart, '1', swp, 7.5).reward).to.deep.equal({ id: 'P_SWP', amount: 7.5 });
    expect(checkoutRequest(cart, '1', swp, null).reward).to.deep.equal({ id: 'P_SWP', amount: 20 });
  });
  it('sends no reward when none is chosen', () => {
    expect(checkoutRequest(cart, '1', null, null)).to.not.have.property('reward');
  });
});

describe('customStates and formState', () => {
  it('marks a validated discount and hides the value while validating', () => {
    expect(customStates('ready', 'signed-in', 'valid', 5)).to.include({
      'signed-in': true,
      'reward-applied': true,
      loading: false,
    });
    expect(formState('validating', true, 'ck_1')).to.deep.equal({ value: null, validity: 'pending' });
    expect(formState('not-applied', true, 'ck_1')).to.deep.equal({ value: 'ck_1', validity: 'invalid' });
    expect(formState('valid', false, 'ck_1')).to.deep.equal({ value: 'ck_1', validity: 'valid' });
    // A failed check submits nothing, and blocks the form only when a reward was chosen.
    expect(formState('error', true, 'ck_1')).to.deep.equal({ value: null, validity: 'unchecked' });
    expect(formState('error', false, 'ck_1')).to.deep.equal({ value: null, validity: 'valid' });
  });
});

describe('discountChange', () => {
  const answer = {
    checkout_id: 'ck_1',
    discount: 5,
    reward_applied: true,
    reason: null,
    message: null,
    currency: 'EUR',
    expires_at: '',
  };
  it('reports a discount only while a validated one stands', () => {
    expect(discountChange('valid', answer, null, 'USD')).to.include({
      status: 'applied',
      discount: 5,
      currency: 'EUR',
    });
    expect(discountChange('validating', null, null, 'USD')).to.include({
      status: 'pending',
      discount: 0,
      checkoutId: null,
    });
    expect(discountChange('error', null, null, 'USD')).to.include({ status: 'error', discount: 0, currency: 'USD' });
    expect(discountChange('valid', { ...answer, discount: 0 }, null, 'USD')).to.include({
      status: 'none',
      checkoutId: 'ck_1',
    });
    const refused = { ...answer, discount: 3, reward_applied: false, reason: 'reward_held' as const, message: 'No.' };
    expect(discountChange('not-applied', refused, null, 'USD')).to.include({
      status: 'not-applied',
      discount: 0,
      reason: 'reward_held',
      message: 'No.',
    });
    expect(discountChange('valid', answer, null, 'USD')).to.include({ reason: null, message: null });
  });
});

describe('needsEngine', () => {
  it('loads the engine for a member, or for an allowed guest with something in the cart', () => {
    expect(needsEngine('signed-in', false, 0)).to.equal(true);
    expect(needsEngine('signed-out', true, 2)).to.equal(true);
    expect(needsEngine('signed-out', true, 0)).to.equal(false);
    expect(needsEngine('signed-out', false, 2)).to.equal(false);
    expect(needsEngine('unknown', true, 2)).to.equal(false);
    expect(needsEngine('signing-in', true, 2)).to.equal(false);
  });
});
