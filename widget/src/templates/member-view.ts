// The signed-in body, its styles and the form's validity messages, loaded on demand (their own chunk): a shopper who never
// signs in does not download them, and a member's page fetches them alongside the sign-in
// chunk it needs anyway.

import { html } from 'lit';
import { memberText } from '../member-messages';
import type { Handlers, View } from '../state';
import type { FormState } from '../view-model';
import { checkoutStatus } from './checkout-status';
import { balanceBlock, empty, failure, memberHeader, offlineBanner } from './member';
import { rewardList } from './rewards';

export { memberStyles as styles } from './member-styles';

export function memberBody(view: View, on: Handlers) {
  if (view.phase === 'error') return html`${memberHeader(view, on)} ${failure(view, on)}`;
  return html`${memberHeader(view, on)} ${offlineBanner(view)} ${balanceBlock(view)}
  ${view.rewards.length ? rewardList(view, on) : empty()} ${checkoutStatus(view, on)}`;
}

/** Why the form will not submit yet; only a member can have chosen a reward to hold it. */
export function validityMessage(validity: Exclude<FormState['validity'], 'valid'>): string {
  if (validity === 'pending') return memberText.validityPending();
  return validity === 'invalid' ? memberText.validityInvalid() : memberText.validityUnchecked();
}

export type MemberBody = typeof memberBody;
