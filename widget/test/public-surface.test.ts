import { expect } from '@open-wc/testing';
import { SpendgoLoyalty } from '../src/index';

describe('the element’s public surface', () => {
  it('has no member a React event prop (@lit/react) could collide with, and no method only its controllers use', () => {
    const props = ['onReady', 'onSessionChange', 'onRewardSelect', 'onDiscountChange', 'onError'];
    expect(props.filter((name) => name in SpendgoLoyalty.prototype)).to.deep.equal([]);
    const methods = Object.getOwnPropertyNames(SpendgoLoyalty.prototype).filter(
      (name) => typeof Object.getOwnPropertyDescriptor(SpendgoLoyalty.prototype, name)?.value === 'function',
    );
    // TypeScript's `private` is not enforced at run time; these are the ones meant for pages.
    expect(methods).to.include.members(['signIn', 'signOut', 'refresh', 'clearReward']);
  });
});
