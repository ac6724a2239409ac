// The engine's loader on a real Lit host, against the fake proxy: nothing is asked before
// load(); once the chunks are here the engine loads the member's rewards; a chunk that cannot
// load (offline) reads as a loyalty error and is not asked for again until retry().
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { CLIENT_ID, installFakeProxy, PROXY, type FakeProxy } from '../../test/fake-proxy';
import { MEMBER_ASK, MEMBER_CREDENTIALS } from '../../test/engine-fixtures';
import { EngineLoader, type EngineChunks } from './engine-loader';

/** The real chunks, behind a switch that makes them fail as an offline page's would. */
let offline = false;
let chunkRequests = 0;
const chunks: EngineChunks = () => {
  chunkRequests++;
  if (offline) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  return Promise.all([import('../engine'), import('../templates/checkout-status')]);
};

class LoaderHost extends ReactiveElement {
  loadFailures = 0;
  readonly engine = new EngineLoader(
    this,
    {
      config: () => ({ proxy: PROXY, clientId: CLIENT_ID }),
      credentials: () => MEMBER_CREDENTIALS,
      ask: () => MEMBER_ASK,
      onLoaded: () => undefined,
      onDiscount: () => undefined,
      onError: () => undefined,
      onStale: () => undefined,
      onLoadFailed: () => this.loadFailures++,
    },
    chunks,
  );
}
customElements.define('engine-loader-host', LoaderHost);

describe('EngineLoader', () => {
  let fake: FakeProxy;
  beforeEach(() => {
    fake = installFakeProxy();
    offline = false;
    chunkRequests = 0;
  });
  afterEach(() => {
    fake.restore();
    document.body.replaceChildren();
  });

  it('asks nothing before load(), then loads the chunks once and the member’s rewards', async () => {
    const host = document.body.appendChild(new LoaderHost());
    await host.updateComplete;
    expect([host.engine.loyaltyStatus, host.engine.checkoutStatus, host.engine.data]).to.deep.equal([
      'idle',
      'idle',
      null,
    ]);
    expect(fake.requests).to.have.length(0);
    host.engine.load();
    host.engine.load();
    await waitUntil(() => host.engine.loyaltyStatus === 'ready');
    host.engine.load();
    expect(chunkRequests).to.equal(1);
    expect(host.engine.statusLine).to.be.a('function');
    expect(host.engine.data?.rewards.map((r) => r.id)).to.deep.equal(['2234402', 'A18']);
  });

  it('reads as a loyalty error when the chunks cannot load, and asks again only after retry()', async () => {
    offline = true;
    const host = document.body.appendChild(new LoaderHost());
    host.engine.load();
    await waitUntil(() => host.loadFailures === 1);
    expect(host.engine.loyaltyStatus).to.equal('error');
    host.engine.load();
    expect(chunkRequests).to.equal(1);
    offline = false;
    host.engine.retry();
    expect(host.engine.loyaltyStatus).to.equal('idle');
    host.engine.load();
    await waitUntil(() => host.engine.loyaltyStatus === 'ready');
    expect([chunkRequests, host.loadFailures]).to.deep.equal([2, 1]);
  });
});
