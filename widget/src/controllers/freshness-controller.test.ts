import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FreshnessController, HIDDEN_LONG_ENOUGH_MS } from './freshness-controller';

/** A host that only connects its controllers. */
function host() {
  const controllers: ReactiveController[] = [];
  const h = {
    addController: (c: ReactiveController) => controllers.push(c),
    connect: () => {
      for (const c of controllers) c.hostConnected?.();
    },
    disconnect: () => {
      for (const c of controllers) c.hostDisconnected?.();
    },
  };
  return h as typeof h & ReactiveControllerHost;
}

let clock = 0;
const realNow = performance.now.bind(performance);
function pageBecomes(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('FreshnessController', () => {
  beforeEach(() => {
    performance.now = () => clock;
  });
  afterEach(() => {
    performance.now = realNow;
    delete (document as { visibilityState?: string }).visibilityState;
  });

  it('calls when the browser is back online and when the page comes back after a while, not after a glance away', () => {
    let stale = 0;
    const h = host();
    new FreshnessController(h, () => stale++);
    h.connect();
    window.dispatchEvent(new Event('online'));
    expect(stale).to.equal(1);
    pageBecomes('hidden');
    clock += 1_000;
    pageBecomes('visible');
    expect(stale).to.equal(1);
    pageBecomes('hidden');
    clock += HIDDEN_LONG_ENOUGH_MS;
    pageBecomes('visible');
    expect(stale).to.equal(2);
    h.disconnect();
    window.dispatchEvent(new Event('online'));
    expect(stale).to.equal(2);
  });
});
