// What the demo app does at "Place order": validate the chosen reward against the cart with the
// proxy (as the member), then hand the checkout to the merchant's backend, which prices the
// order itself and carries it through placed, billed and completed. The app never states money.

import type { PricedItem } from '../shop/catalogue.ts';
import { memberCall, type AppSession } from './app-client.ts';

export interface AppReward {
  id: string;
  label: string;
}

export interface AppOrder {
  orderId: string;
  rewardLabel: string | null;
  discount: number;
  total: number;
  status: string;
}

interface CheckoutAnswer {
  checkout_id: string;
  discount: number;
  reward_applied: boolean;
}

/** Tries each reward in turn and keeps the first that applies to this cart; then orders. */
export async function orderFromApp(input: {
  proxyUrl: string;
  backendUrl: string;
  session: AppSession;
  store: string;
  lines: { product_id: string; quantity: number }[];
  priced: { items: PricedItem[]; subtotal: number };
  rewards: AppReward[];
}): Promise<AppOrder> {
  const cart = { store: input.store, source: 'mobileapp', items: input.priced.items, subtotal: input.priced.subtotal };
  let chosen: { reward: AppReward | null; checkout: CheckoutAnswer } | null = null;
  for (const reward of input.rewards) {
    const answer = await memberCall<CheckoutAnswer>(input.proxyUrl, input.session, 'POST', '/v1/checkout', {
      ...cart,
      reward: { id: reward.id },
    });
    if (answer.status === 200 && answer.body.reward_applied) {
      chosen = { reward, checkout: answer.body };
      break;
    }
  }
  if (!chosen) {
    const answer = await memberCall<CheckoutAnswer>(input.proxyUrl, input.session, 'POST', '/v1/checkout', cart);
    if (answer.status !== 200) throw new Error(`checkout answered ${answer.status}`);
    chosen = { reward: null, checkout: answer.body };
  }
  const res = await fetch(`${input.backendUrl}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: 'demo-app',
      checkout_id: chosen.checkout.checkout_id,
      store: input.store,
      source: 'mobileapp',
      lines: input.lines,
    }),
  });
  const placed = (await res.json()) as { order_id: string; order: { total: number; status: string } };
  if (res.status !== 201) throw new Error(`the backend answered ${res.status}: ${JSON.stringify(placed)}`);
  return {
    orderId: placed.order_id,
    rewardLabel: chosen.reward?.label ?? null,
    discount: chosen.checkout.discount,
    total: placed.order.total,
    status: placed.order.status,
  };
}
