import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import type { CheckoutRequest, CheckoutResponse } from '../../shared/wire';
import type { ProxyClient } from '../src/api/proxy-client';
import { CheckoutController, type CheckoutStatus } from '../src/controllers/checkout-controller';

const host = { addController: () => undefined, requestUpdate: () => undefined } as unknown as ReactiveControllerHost;
/** One turn of the event loop: what a zero-delay timer scheduled before it has done. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

function client(sent: CheckoutRequest[]): ProxyClient {
  return {
    balance: () => Promise.reject(new Error('unused')),
    rewards: () => Promise.reject(new Error('unused')),
    checkout: (_credentials, body): Promise<CheckoutResponse> => {
      sent.push(body);
      return Promise.resolve({
        checkout_id: 'ck_1',
        discount: 0,
        reward_applied: false,
        message: null,
        currency: 'USD',
        expires_at: '',
      });
    },
  };
}

const cart = (subtotal: number) => ({
  store: '1',
  items: [{ label: 'x', unit_cost: subtotal, quantity: 1 }],
  subtotal,
});

describe('CheckoutController', () => {
  it('sends a lone change at the next turn, and only the last of a burst after it settles', async () => {
    const sent: CheckoutRequest[] = [];
    const statuses: CheckoutStatus[] = [];
    const controller = new CheckoutController(host, { onChange: (s) => statuses.push(s), onError: () => undefined });
    const proxy = client(sent);
    controller.sync({ client: proxy, credentials: null, body: cart(1), reward: null });
    expect(statuses).to.deep.equal(['validating']); // the host hears "pending" at once
    await turn();
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1]);
    // A burst right after: nothing at the next turn, then the last one alone.
    for (const subtotal of [2, 3, 4])
      controller.sync({ client: proxy, credentials: null, body: cart(subtotal), reward: null });
    await turn();
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1]);
    await waitUntil(() => sent.length === 2, 'the last of the burst was never sent');
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1, 4]);
  });
});
