// Test fixtures shared by the proxy's and the widget's tests: one normalised reward as
// GET /v1/rewards answers it ($5 off, one copy), changed by `extra`. Not used by any product code.

import type { Reward } from './wire.ts';

export const reward = (id: string, label: string, extra: Partial<Reward> = {}): Reward => ({
  id,
  kind: 'amount_off',
  offer: 'rebate',
  label,
  pos_code: null,
  value: 5,
  quantity: 1,
  expires_on: null,
  points_reward: false,
  points: null,
  value_per_point: null,
  ...extra,
});
