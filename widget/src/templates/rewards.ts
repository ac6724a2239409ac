// The single-choice list of rewards (a native radio group: keyboard and screen readers work
// as they do everywhere), one row per reward with its count, value, expiry and points cost;
// Shop With Points takes the amount to use, kept within its bounds; copies held for the member's
// placed orders show on a row of their own that cannot be chosen. Spendgo's labels are
// isolated (<bdi>): an English "$5 Off" stays in order inside an Arabic page, and so does a
// count, which would otherwise swap places with the amount beside it.

import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Reward } from '../../../shared/wire-types';
import { formatMoney } from '../localization';
import { formatDate, formatDay, formatNumber, formatPercent } from '../member-format';
import { clampAmount, groupRewards, percentIn, pointsFor, splitHeld } from '../member-model';
import { memberText } from '../member-messages';
import type { Handlers, View } from '../state';

/** The value as a shopper reads it: "$5.00 off", "20% off", "Free" (the label names the item). */
function valueText(reward: Reward, view: View): string {
  if (reward.kind === 'free_item') return memberText.free();
  // An offer type the proxy does not know: its value if Spendgo gave one, else only its label.
  if (reward.kind === 'other')
    return reward.value === null ? '' : formatMoney(reward.value, view.currency, view.locale);
  if (reward.kind === 'percent_off') {
    const percent = percentIn(reward.label);
    return percent === null ? memberText.percentOff() : memberText.amountOff(formatPercent(percent, view.locale));
  }
  if (reward.value === null) return '';
  // Shop With Points, chosen: what the member decided to use, not all it is worth.
  const chosen = reward.value_per_point !== null && reward.id === view.selectedId ? view.amount : null;
  return memberText.amountOff(formatMoney(chosen ?? reward.value, view.currency, view.locale));
}

/** The points a reward uses: a tier's cost, or what the chosen Shop With Points amount takes. */
function pointsUsed(reward: Reward, view: View): number | null {
  if (reward.value_per_point === null) return reward.points;
  const amount = reward.id === view.selectedId ? (view.amount ?? reward.value) : reward.value;
  return amount === null ? reward.points : pointsFor(amount, reward.value_per_point);
}

function detail(reward: Reward, view: View) {
  const parts: string[] = [];
  const points = pointsUsed(reward, view);
  if (points !== null) parts.push(memberText.pointsCost(points, formatNumber(points, view.locale)));
  if (reward.kind === 'free_item' && reward.value !== null)
    parts.push(memberText.worth(formatMoney(reward.value, view.currency, view.locale)));
  if (reward.expires_on) parts.push(memberText.expires(formatDate(reward.expires_on, view.locale)));
  return parts.length ? html`<span part="reward-detail">${parts.join(' · ')}</span>` : nothing;
}

function amountInput(reward: Reward, view: View, on: Handlers) {
  const max = reward.value;
  if (reward.value_per_point === null || reward.id !== view.selectedId || max === null) return nothing;
  // While typing, a value within bounds is checked as it comes (bursts are debounced); on
  // leaving the field (or Enter) anything else is brought within bounds and checked.
  const input = (e: Event) => {
    const field = e.target as HTMLInputElement;
    if (field.checkValidity() && Number.isFinite(field.valueAsNumber)) on.amount(field.valueAsNumber);
  };
  const change = (e: Event) => {
    const field = e.target as HTMLInputElement;
    const value = clampAmount(field.valueAsNumber, max);
    field.value = String(value);
    on.amount(value);
  };
  return html`<label part="reward-detail"
    >${memberText.amountToUse()}
    <input
      type="number"
      inputmode="decimal"
      min="0.01"
      step="0.01"
      max=${max}
      .value=${live(String(view.amount ?? max))}
      @input=${input}
      @change=${change}
    />
    <span class="muted">${memberText.amountMax(formatMoney(max, view.currency, view.locale))}</span>
  </label>`;
}

export function rewardList(view: View, on: Handlers) {
  const option = (reward: Reward | null) => {
    const id = reward?.id ?? '';
    // The row holds the choice (one label: radio, name, value, details) and, for Shop With
    // Points, the amount field with a label of its own: a label may not hold another.
    return html`<div part="reward${id === (view.selectedId ?? '') ? ' reward-selected' : ''}">
      <label class="choice">
        <input
          type="radio"
          name="spendgo-reward"
          .value=${id}
          .checked=${live(id === (view.selectedId ?? ''))}
          @change=${() => {
            on.select(reward);
          }}
        />
        <span part="reward-label">${reward ? html`<bdi>${reward.label}</bdi>` : memberText.noReward()}</span>
        <span part="reward-value"
          >${reward ? valueText(reward, view) : ''}${reward && reward.quantity > 1 ? html`&nbsp;<bdi>×${reward.quantity}</bdi>` : ''}</span
        >
        ${reward ? detail(reward, view) : nothing}
      </label>
      ${reward ? amountInput(reward, view, on) : nothing}
    </div>`;
  };
  // Copies held for the member's placed orders (in any tab or device) show apart, not choosable.
  const heldRow = (reward: Reward, count: number, placedAt: string) =>
    html`<div part="reward reward-held">
      <label class="choice">
        <input type="radio" name="spendgo-reward" disabled .checked=${false} />
        <span part="reward-label"><bdi>${reward.label}</bdi></span>
        <span part="reward-value">${count > 1 ? html`<bdi>×${count}</bdi>` : ''}</span>
        <span part="reward-detail">${memberText.heldFor(formatDay(placedAt, view.locale))}</span>
      </label>
    </div>`;
  const rows = groupRewards(view.rewards).map((reward) => {
    const { free, held } = splitHeld(reward);
    return html`${free ? option(free) : nothing}${held ? heldRow(reward, held.count, held.placedAt) : nothing}`;
  });
  return html`<fieldset part="rewards">
    <legend>${memberText.legend()}</legend>
    ${option(null)} ${rows}
  </fieldset>`;
}
