// What a Durable Object needs from the platform, handed to it once in its constructor: the
// proxy's validated configuration, a Spendgo client for an account, the clock and randomness.
// Built from the Worker's bindings here and nowhere else, so the objects' code names no setting,
// no Spendgo binding and no global clock, and reads the same configuration the routes do.

import type { Result } from '../../shared/result';
import { readConfig, type ConfigProblem, type ProxyConfig, type SpendgoAccount } from './env';
import type { SpendgoClient } from './spendgo/client';
import { spendgoClient } from './spendgo/for-account';

export interface Ports {
  /** The proxy's configuration, validated once per isolate (the routes' own cache). */
  config(): Result<ProxyConfig, ConfigProblem>;
  /** A Spendgo client for `account`; `onAttempt` hears of every HTTP attempt it makes. */
  spendgo(config: ProxyConfig, account: SpendgoAccount, onAttempt?: () => void): SpendgoClient;
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** A number in [0, 1), for backoff jitter. */
  random(): number;
  /** How webhooks reach merchant backends: the WEBHOOK_SERVICE binding when bound (tests), else the network. */
  webhookFetch: typeof fetch;
}

export function platformPorts(env: Env): Ports {
  return {
    config: () => readConfig(env),
    spendgo: (config, account, onAttempt) => spendgoClient(config, account, env, onAttempt),
    nowMs: () => Date.now(),
    random: () => Math.random(),
    webhookFetch: (input, init) => (env.WEBHOOK_SERVICE ? env.WEBHOOK_SERVICE.fetch(input, init) : fetch(input, init)),
  };
}
