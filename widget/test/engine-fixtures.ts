// What the engine's tests give it: a signed-in member's session (its proof is never checked by
// the fake proxy) and what that member has in front of them before choosing anything.
import type { Credentials } from '../src/api/proxy-client';
import type { EngineAsk } from '../src/controllers/engine-controller';

export const MEMBER_CREDENTIALS: Credentials = {
  headers: () => Promise.resolve({ Authorization: 'DPoP test' }),
  noteNonce: () => undefined,
  refresh: () => Promise.resolve(false),
};

/** A signed-in member at store 999, no cart, nothing chosen. */
export const MEMBER_ASK: EngineAsk = {
  cart: null,
  store: '999',
  auth: 'signed-in',
  allowGuest: false,
  selectedId: null,
  amount: null,
  currency: 'USD',
};
