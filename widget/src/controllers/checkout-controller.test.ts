// The checkout task on a real Lit host: what the host hears, what is sent, and when.
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import type { CheckoutRequest, CheckoutResponse } from '../../../shared/wire';
import type { ProxyClient } from '../api/proxy-client';
import type { CheckoutStatus } from '../state';
import { CheckoutController, type CheckoutInput } from './checkout-controller';

/** A proxy that records what it is sent and answers once `gate` opens (at once by default). */
function client(sent: CheckoutRequest[], fail = false, gate: Promise<void> = Promise.resolve()): ProxyClient {
  return {
    balance: () => Promise.reject(new Error('unused')),
    rewards: () => Promise.reject(new Error('unused')),
    checkout: async (_credentials, body): Promise<CheckoutResponse> => {
      sent.push(body);
      await gate;
      if (fail) throw new Error('down');
      return {
        checkout_id: `ck_${String(body.subtotal)}`,
        discount: 0,
        reward_applied: false,
        reason: null,
        message: null,
        currency: 'USD',
        expires_at: '',
      };
    },
  };
}

const cart = (subtotal: number): CheckoutRequest => ({
  store: '1',
  items: [{ label: 'x', unit_cost: subtotal, quantity: 1 }],
  subtotal,
});

class CheckoutHost extends ReactiveElement {
  input: CheckoutInput | null = null;
  readonly statuses: CheckoutStatus[] = [];
  readonly errors: string[] = [];
  readonly checkout = new CheckoutController(this, {
    input: () => this.input,
    onChange: (status) => this.statuses.push(status),
    onError: (error) => this.errors.push(error.code),
  });

  /** Sets what to validate and lets the host update, as a cart change does. */
  async ask(input: CheckoutInput | null): Promise<void> {
    this.input = input;
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('checkout-host', CheckoutHost);

function mount(): CheckoutHost {
  const host = new CheckoutHost();
  document.body.append(host);
  return host;
}

describe('CheckoutController', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('sends a lone change in the update that asks, and only the last of a burst after it settles', async () => {
    const sent: CheckoutRequest[] = [];
    const host = mount();
    let open: () => void = () => undefined;
    const proxy = client(sent, false, new Promise<void>((resolve) => (open = resolve)));
    await host.ask({ client: proxy, credentials: null, body: cart(1), reward: null });
    expect(host.statuses).to.deep.equal(['validating']); // the host hears "pending" at once
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1]);
    expect(host.checkout.result).to.equal(null);
    open();
    await waitUntil(() => host.checkout.status === 'valid');
    expect(host.checkout.result?.checkout_id).to.equal('ck_1');
    // A burst right after: nothing sent yet, one "pending" for all of it, then the last one alone.
    for (const subtotal of [2, 3, 4])
      await host.ask({ client: proxy, credentials: null, body: cart(subtotal), reward: null });
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1]);
    expect(host.checkout.result).to.equal(null); // nothing stands while validating
    await waitUntil(() => sent.length === 2, 'the last of the burst was never sent');
    expect(sent.map((b) => b.subtotal)).to.deep.equal([1, 4]);
    await waitUntil(() => host.checkout.status === 'valid');
    expect(host.statuses).to.deep.equal(['validating', 'valid', 'validating', 'valid']);
    expect(host.checkout.result?.checkout_id).to.equal('ck_4');
  });

  it('asks nothing again for the same cart, asks again after invalidate or after going idle', async () => {
    const sent: CheckoutRequest[] = [];
    const host = mount();
    const input = { client: client(sent), credentials: null, body: cart(5), reward: null };
    await host.ask(input);
    await waitUntil(() => host.checkout.status === 'valid');
    await host.ask({ ...input, body: cart(5) });
    expect(sent).to.have.length(1);
    host.checkout.invalidate();
    await host.ask(input);
    await waitUntil(() => sent.length === 2);
    await host.ask(null);
    expect(host.checkout.status).to.equal('idle');
    expect(host.statuses.at(-1)).to.equal('idle');
    // Back from nothing to validate (signed in and out again, say): a checkout of its own.
    await host.ask(input);
    await waitUntil(() => sent.length === 3, 'the same cart after a pause was answered from memory');
  });

  it('reports a failed validation as an error with a code, and stands on nothing', async () => {
    const host = mount();
    await host.ask({ client: client([], true), credentials: null, body: cart(1), reward: null });
    await waitUntil(() => host.checkout.status === 'error');
    expect(host.errors).to.deep.equal(['internal_error']);
    expect(host.checkout.result).to.equal(null);
  });
});
