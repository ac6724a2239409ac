// A Spendgo client speaking for one account, as routes and Durable Objects both make it: the
// proxy's Spendgo settings and the account's credentials, over the SPENDGO_SERVICE binding when
// one is bound (tests, the sandbox) or the network. No HTTP-layer dependency.

import type { ProxyConfig, SpendgoAccount } from '../env';
import { createSpendgoClient, type SpendgoClient } from './client';

/** A Spendgo client speaking for one account. */
export function spendgoClient(
  config: ProxyConfig,
  account: SpendgoAccount,
  env: Env,
  onAttempt?: () => void,
): SpendgoClient {
  const service = env.SPENDGO_SERVICE;
  return createSpendgoClient({
    ...config.spendgo,
    ...account,
    fetch: service ? (input, init) => service.fetch(input, init) : (input, init) => fetch(input, init),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    ...(onAttempt && { onAttempt }),
  });
}
