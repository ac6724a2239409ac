// <SpendgoLoyalty> for React, made with @lit/react: the same element with its events as props
// (onReady, onSessionChange, onRewardSelect, onDiscountChange, onError) and `cart` as a prop.

import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { SpendgoDiscountChangeEvent } from './events/discount-change';
import type { SpendgoErrorEvent } from './events/error';
import type { SpendgoReadyEvent } from './events/ready';
import type { SpendgoRewardSelectEvent } from './events/reward-select';
import type { SpendgoSessionChangeEvent } from './events/session-change';
import { SpendgoLoyalty as SpendgoLoyaltyElement } from './index';

export const SpendgoLoyalty = createComponent({
  tagName: 'spendgo-loyalty',
  elementClass: SpendgoLoyaltyElement,
  react: React,
  events: {
    onReady: 'spendgo-ready' as EventName<SpendgoReadyEvent>,
    onSessionChange: 'spendgo-session-change' as EventName<SpendgoSessionChangeEvent>,
    onRewardSelect: 'spendgo-reward-select' as EventName<SpendgoRewardSelectEvent>,
    onDiscountChange: 'spendgo-discount-change' as EventName<SpendgoDiscountChangeEvent>,
    onError: 'spendgo-error' as EventName<SpendgoErrorEvent>,
  },
});
