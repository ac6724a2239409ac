// The single-choice list of rewards (a native radio group: keyboard and screen readers work
// as they do everywhere), with each reward's value, kind, expiry and points cost.

import { html, nothing } from 'lit';
import type { Reward } from '../../../shared/wire';
import { formatDate, formatMoney, formatNumber } from '../localization';
import { t } from '../messages';
import type { Handlers, View } from './view';

function valueText(reward: Reward, view: View): string {
  if (reward.kind === 'free_item') return t.freeItem();
  // An offer type the proxy does not know: its value if Spendgo gave one, else only its label.
  if (reward.kind === 'other')
    return reward.value === null ? '' : formatMoney(reward.value, view.currency, view.locale);
  if (reward.kind === 'percent_off' || reward.value === null) return t.percentOff();
  return t.amountOff(formatMoney(reward.value, view.currency, view.locale));
}

function detail(reward: Reward, view: View) {
  const parts: string[] = [];
  if (reward.points !== null && reward.value_per_point === null)
    parts.push(t.pointsCost(formatNumber(reward.points, view.locale)));
  if (reward.expires_on) parts.push(t.expires(formatDate(reward.expires_on, view.locale)));
  return parts.length ? html`<span part="reward-detail">${parts.join(' · ')}</span>` : nothing;
}

function amountInput(reward: Reward, view: View, on: Handlers) {
  if (reward.value_per_point === null || reward.id !== view.selectedId || reward.value === null) return nothing;
  const change = (e: Event) => {
    const value = (e.target as HTMLInputElement).valueAsNumber;
    on.amount(Number.isFinite(value) ? value : null);
  };
  return html`<label part="reward-detail"
    >${t.amountToUse()}
    <input
      type="number"
      min="0.01"
      step="0.01"
      max=${reward.value}
      .value=${String(view.amount ?? reward.value)}
      @change=${change}
    />
  </label>`;
}

export function rewardList(view: View, on: Handlers) {
  const option = (reward: Reward | null) => {
    const id = reward?.id ?? '';
    return html`<label part="reward${id === (view.selectedId ?? '') ? ' reward-selected' : ''}">
      <input
        type="radio"
        name="spendgo-reward"
        .value=${id}
        .checked=${id === (view.selectedId ?? '')}
        @change=${() => {
          on.select(reward);
        }}
      />
      <span part="reward-label">${reward ? reward.label : t.noReward()}</span>
      <span part="reward-value">${reward ? valueText(reward, view) : ''}</span>
      ${reward ? detail(reward, view) : nothing} ${reward ? amountInput(reward, view, on) : nothing}
    </label>`;
  };
  return html`<fieldset part="rewards">
    <legend>${t.legend()}</legend>
    ${option(null)} ${view.rewards.map((r) => option(r))}
  </fieldset>`;
}
