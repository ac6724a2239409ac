// The signed-in body, loaded on demand (its own chunk): a shopper who never signs in does not
// download it, and a member's page fetches it alongside the sign-in chunk it needs anyway.

import { html } from 'lit';
import { checkoutStatus } from './states';
import { balanceBlock, empty, failure, memberHeader, offlineBanner } from './member';
import { rewardList } from './rewards';
import type { Handlers, View } from './view';

export function memberBody(view: View, on: Handlers) {
  if (view.phase === 'error') return html`${memberHeader(view, on)} ${failure(view, on)}`;
  return html`${memberHeader(view, on)} ${offlineBanner(view)} ${balanceBlock(view)}
  ${view.rewards.length ? rewardList(view, on) : empty()} ${checkoutStatus(view, on)}`;
}

export type MemberBody = typeof memberBody;
