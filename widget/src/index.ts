// Defines <spendgo-loyalty>. Importing this module does nothing else, and does not throw where
// there is no DOM (server rendering): the tag is only defined when customElements exists.

import { SpendgoLoyalty } from './spendgo-loyalty';

export { SpendgoLoyalty } from './spendgo-loyalty';
export type { SpendgoCart } from './view-model';
export { SpendgoDiscountChangeEvent, type DiscountChange } from './events/discount-change';
export { SpendgoErrorEvent } from './events/error';
export { SpendgoReadyEvent } from './events/ready';
export { SpendgoRewardSelectEvent } from './events/reward-select';
export { SpendgoSessionChangeEvent, type SessionState } from './events/session-change';
export type { Balance, CartItem, Reward } from '../../shared/wire-types';

export const TAG_NAME = 'spendgo-loyalty';

if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) {
  customElements.define('spendgo-loyalty', SpendgoLoyalty);
}

declare global {
  interface HTMLElementTagNameMap {
    'spendgo-loyalty': SpendgoLoyalty;
  }
}
