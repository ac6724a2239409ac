// Fired when the shopper picks a reward (or none), before it is validated. Cancelable: calling
// preventDefault() keeps the previous choice, e.g. when the host cart cannot take a discount.

import type { Reward } from '../../../shared/wire-types';

export class SpendgoRewardSelectEvent extends Event {
  static readonly eventName = 'spendgo-reward-select';
  /** The chosen reward, or null for "no reward". */
  readonly reward: Reward | null;

  constructor(reward: Reward | null) {
    super(SpendgoRewardSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.reward = reward;
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-reward-select': SpendgoRewardSelectEvent;
  }
}
