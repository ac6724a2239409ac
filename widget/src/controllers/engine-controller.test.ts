// The engine on a real Lit host, against the fake proxy: it loads the member's balance and
// rewards, validates the chosen reward (looked up in the member's current rewards) and tells the
// host cart "pending" before Spendgo's answer; a refresh asks again; a guest's cart is
// validated without a reward.
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { CLIENT_ID, installFakeProxy, PROXY, type FakeProxy } from '../../test/fake-proxy';
import { MEMBER_ASK, MEMBER_CREDENTIALS } from '../../test/engine-fixtures';
import type { Credentials } from '../api/proxy-client';
import type { DiscountChange } from '../events/discount-change';
import type { SpendgoCart } from '../view-model';
import { EngineController, type EngineAsk } from './engine-controller';

const cart: SpendgoCart = { items: [{ label: 'Latte', unit_cost: 9, quantity: 2 }], subtotal: 18 };

class EngineHost extends ReactiveElement {
  ask: EngineAsk = MEMBER_ASK;
  member: Credentials | null = MEMBER_CREDENTIALS;
  readonly changes: { change: DiscountChange; answered: boolean }[] = [];
  readonly engine = new EngineController(this, {
    config: () => ({ proxy: PROXY, clientId: CLIENT_ID }),
    credentials: () => this.member,
    ask: () => this.ask,
    onLoaded: () => undefined,
    onDiscount: (change, answered) => this.changes.push({ change, answered }),
    onError: () => undefined,
    onStale: () => undefined,
  });

  async set(ask: Partial<EngineAsk>): Promise<void> {
    this.ask = { ...this.ask, ...ask };
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('engine-host', EngineHost);

const paths = (fake: FakeProxy) => fake.requests.map((r) => r.path.split('?')[0]);

describe('EngineController', () => {
  let fake: FakeProxy;
  beforeEach(() => {
    fake = installFakeProxy();
  });
  afterEach(() => {
    fake.restore();
    document.body.replaceChildren();
  });

  it('validates the reward the member chose from their rewards, saying "pending" before the answer', async () => {
    const host = document.body.appendChild(new EngineHost());
    await waitUntil(() => host.engine.loyaltyStatus === 'ready');
    expect(host.engine.data?.rewards.map((r) => r.id)).to.deep.equal(['2234402', 'A18']);
    await host.set({ cart, selectedId: 'A18' });
    await waitUntil(() => host.engine.checkoutStatus === 'valid');
    const asked = fake.requests.find((r) => r.path === '/v1/checkout');
    expect(asked?.body).to.deep.include({ store: '999', reward: { id: 'A18' } });
    expect(host.changes.map((c) => [c.change.status, c.answered])).to.deep.equal([
      ['pending', false],
      ['applied', true],
    ]);
    expect(host.changes.at(-1)?.change.reward?.id).to.equal('A18');
    expect(host.engine.result?.discount).to.equal(5);
  });

  it('asks without a reward for an id the member no longer has, and for a guest', async () => {
    const host = document.body.appendChild(new EngineHost());
    await waitUntil(() => host.engine.loyaltyStatus === 'ready');
    await host.set({ cart, selectedId: 'gone' });
    await waitUntil(() => host.engine.checkoutStatus === 'valid');
    expect(fake.requests.find((r) => r.path === '/v1/checkout')?.body).to.not.have.property('reward');
    host.member = null;
    await host.set({ auth: 'signed-out', allowGuest: true, selectedId: 'A18', cart: { ...cart, subtotal: 27 } });
    await waitUntil(() => fake.requests.filter((r) => r.path === '/v1/checkout').length === 2);
    expect(fake.requests.filter((r) => r.path === '/v1/checkout')[1]?.body).to.not.have.property('reward');
  });

  it('refresh() loads the balance and rewards again and validates the cart again', async () => {
    const host = document.body.appendChild(new EngineHost());
    await host.set({ cart });
    await waitUntil(() => host.engine.checkoutStatus === 'valid');
    const before = paths(fake).length;
    host.engine.refresh();
    await waitUntil(() => paths(fake).length >= before + 3 && host.engine.checkoutStatus === 'valid');
    expect(paths(fake).slice(before).sort()).to.deep.equal(['/v1/balance', '/v1/checkout', '/v1/rewards']);
  });
});
