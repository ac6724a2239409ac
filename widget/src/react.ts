// <SpendgoLoyalty> for React, made with @lit/react: the same element with its events as props
// (onReady, onSessionChange, onRewardSelect, onDiscountChange, onError) and `cart` as a prop.

import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
// One import from the entry: the published react.d.ts refers to index.d.ts and nothing else.
import {
  SpendgoLoyalty as SpendgoLoyaltyElement,
  type SpendgoDiscountChangeEvent,
  type SpendgoErrorEvent,
  type SpendgoReadyEvent,
  type SpendgoRewardSelectEvent,
  type SpendgoSessionChangeEvent,
} from './index';

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
