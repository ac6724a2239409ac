// The loyalty task on a real Lit host: stale answers never land, a failed reload keeps the last
// good answer (offline), and the end of the session drops it.
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import type { Rewards } from '../../../shared/wire';
import { reward } from '../../test/fake-proxy';
import { WidgetError, type Credentials, type ProxyClient } from '../api/proxy-client';
import type { LoyaltyData } from '../state';
import { LoyaltyController, type LoyaltyArgs } from './loyalty-controller';

const credentials: Credentials = {
  headers: () => Promise.resolve({}),
  noteNonce: () => undefined,
  refresh: () => Promise.resolve(false),
};

/** A proxy whose rewards answer for a store when the test releases it (or fails, offline). */
function proxy() {
  const waiting = new Map<string, () => void>();
  let offline = false;
  const client: ProxyClient = {
    balance: () =>
      offline
        ? Promise.reject(new WidgetError('network_error', 'down', true))
        : Promise.resolve({
            program: 'points',
            units: 'points',
            balance: 40,
            label: 'Points',
            threshold: 50,
            rewards: [],
          }),
    rewards: (_c, store) =>
      new Promise<Rewards>((resolve) =>
        waiting.set(store, () => {
          resolve({ store, rewards: [reward(`r-${store}`, `Reward at ${store}`)] });
        }),
      ),
    checkout: () => Promise.reject(new Error('unused')),
  };
  return {
    client,
    release: (store: string) => waiting.get(store)?.(),
    asked: (store: string) => waiting.has(store),
    goOffline: () => (offline = true),
  };
}

class LoyaltyHost extends ReactiveElement {
  args: LoyaltyArgs = [null, null, null];
  readonly loaded: LoyaltyData[] = [];
  readonly errors: string[] = [];
  readonly loyalty = new LoyaltyController(this, {
    args: () => this.args,
    onLoaded: (data) => this.loaded.push(data),
    onError: (error) => this.errors.push(error.code),
  });

  async use(args: LoyaltyArgs): Promise<void> {
    this.args = args;
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('loyalty-host', LoyaltyHost);

describe('LoyaltyController', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('loads for the current store only: an answer for a store left meanwhile never lands', async () => {
    const host = document.body.appendChild(new LoyaltyHost());
    const fake = proxy();
    await host.use([fake.client, credentials, 'A']);
    expect(host.loyalty.status).to.equal('loading');
    await host.use([fake.client, credentials, 'B']);
    fake.release('B');
    await waitUntil(() => host.loyalty.status === 'ready');
    fake.release('A'); // late, and for the store the shopper left
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.loyalty.data?.rewards.map((r) => r.id)).to.deep.equal(['r-B']);
    expect(host.loaded).to.have.length(1);
  });

  it('keeps the last good answer when a reload finds the network down, and drops it when the session ends', async () => {
    const host = document.body.appendChild(new LoyaltyHost());
    const fake = proxy();
    await host.use([fake.client, credentials, 'A']);
    fake.release('A');
    await waitUntil(() => host.loyalty.status === 'ready');
    fake.goOffline();
    host.loyalty.reload();
    await waitUntil(() => host.loyalty.status === 'offline');
    expect(host.errors).to.deep.equal(['network_error']);
    expect(host.loyalty.data?.rewards.map((r) => r.id)).to.deep.equal(['r-A']);
    await host.use([fake.client, null, 'A']); // signed out
    await waitUntil(() => host.loyalty.status === 'idle');
    expect(host.loyalty.data).to.equal(null);
  });
});
