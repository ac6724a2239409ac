import { expect } from '@open-wc/testing';
import { refreshCoordinator } from '../src/auth/refresh-coordinator';

/** A token source whose refresh takes a while and counts how often it ran. */
function source(start = 'a1') {
  let token: string | null = start;
  let n = 1;
  const s = {
    refreshes: 0,
    signOut: () => (token = null),
    current: () => Promise.resolve(token),
    async refresh() {
      s.refreshes++;
      await new Promise((r) => setTimeout(r, 20));
      token = `a${++n}`;
      return true;
    },
  };
  return s;
}

const lock = () => `test-refresh-${crypto.randomUUID()}`;

describe('refreshCoordinator', () => {
  it('many requests rejected with one token refresh once, together', async () => {
    const s = source();
    const ensure = refreshCoordinator(lock(), s);
    const results = await Promise.all([1, 2, 3, 4].map(() => ensure('a1')));
    expect(results).to.deep.equal([true, true, true, true]);
    expect(s.refreshes).to.equal(1);
    expect(await s.current()).to.equal('a2');
  });

  it('a request rejected with a token already replaced uses the new one without refreshing', async () => {
    const s = source();
    const ensure = refreshCoordinator(lock(), s);
    await ensure('a1');
    expect(await ensure('a1')).to.equal(true);
    expect(s.refreshes).to.equal(1);
    // The new token rejected in turn is refreshed again.
    await ensure('a2');
    expect(s.refreshes).to.equal(2);
  });

  it('two widgets (or tabs) sharing the lock name do not refresh one sign-in twice', async () => {
    const s = source();
    const name = lock();
    const [one, two] = [refreshCoordinator(name, s), refreshCoordinator(name, s)];
    await Promise.all([one('a1'), two('a1')]);
    expect(s.refreshes).to.equal(1);
  });

  it('signed out meanwhile: false, and no refresh', async () => {
    const s = source();
    s.signOut();
    expect(await refreshCoordinator(lock(), s)('a1')).to.equal(false);
    expect(s.refreshes).to.equal(0);
  });
});
