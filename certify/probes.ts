// Two probes made straight to the target Spendgo, not through the proxy: does it answer a
// repeated state change as a replay (which decides SPENDGO_REPLAY_SAFE), and how does it check
// request signatures (a wrong one refused; is the query signed).

import { check, direct, orderId, pass, type Case } from './steps.ts';

export const probes: Case[] = [
  {
    id: 'replay-probe',
    section: 'Integration probes',
    title: 'Does Spendgo answer a repeated state change as a replay? (decides SPENDGO_REPLAY_SAFE)',
    async run(ctx) {
      const call = await direct(ctx);
      const base = {
        vendor: ctx.settings.store,
        brand: ctx.settings.spendgo.brand,
        source: 'web',
        subtotal: 5,
        discount: 0,
        total: 5,
        basket: { rewards: [], posEntries: [{ posItem: { label: 'Replay probe', cost: 5 }, quantity: 1 }] },
      };
      const id = orderId('replay');
      const steps = [];
      for (const status of ['checkout', 'placed', 'billed', 'billed'] as const) {
        const body = {
          ...base,
          status,
          ...(status !== 'checkout' && { id, payments: [{ tender: 'cash', amount: 5 }] }),
        };
        steps.push(await call('POST', '/loyalty/accounts/guest/orders', body));
      }
      const [first, repeat] = [steps[2]!, steps[3]!];
      const same = repeat.status === 200 && JSON.stringify(repeat.json) === JSON.stringify(first.json);
      return pass(
        same
          ? 'Replay-safe: a repeated billed is answered with the same transaction. SPENDGO_REPLAY_SAFE=true is safe for this target.'
          : `Not known to be replay-safe: a repeated billed answered HTTP ${repeat.status}. Keep SPENDGO_REPLAY_SAFE=false.`,
      );
    },
  },
  {
    id: 'signature',
    section: 'Integration probes',
    title: 'Signed requests: a correct signature is accepted, a wrong one refused (401/1004); is the query signed?',
    async run(ctx) {
      const call = await direct(ctx);
      const member = ctx.settings.members.plain;
      const path = `/loyalty/accounts/${member}/rewards?store=${ctx.settings.store}`;
      const good = await call('GET', path);
      const wrong = await call('GET', path, undefined, 'wrong');
      const pathOnly = await call('GET', path, undefined, 'path-only');
      const code = (wrong.json as { code?: number } | null)?.code;
      return check(
        good.status === 200 && wrong.status === 401 && code === 1004,
        `path + query: HTTP ${good.status}; a wrong signature: HTTP ${wrong.status} code ${code ?? '—'}; ` +
          `path only: HTTP ${pathOnly.status} (${pathOnly.status === 200 ? 'either works' : 'sign the query: SPENDGO_SIGN_QUERY=true'})`,
      );
    },
  },
];
