// The Hono environment every proxy route shares, and the Spendgo client factory that both
// routes and Durable Objects use (through the SPENDGO_SERVICE binding when one is bound).

import type { Context } from 'hono';
import { accountOf, type ProxyConfig, type SpendgoAccount, type WidgetClient } from './env';
import type { AccessClaims } from './oidc/tokens';
import { createSpendgoClient, type SpendgoClient } from './spendgo/client';

export interface ProxyEnv {
  Bindings: Env;
  Variables: {
    config: ProxyConfig;
    requestId: string;
    /** The widget client the request is made for, once known. */
    client: WidgetClient | undefined;
    /** The signed-in member, from a verified access token. */
    member: AccessClaims | undefined;
    /** Spendgo HTTP attempts made for this request (for the request log). */
    upstreamAttempts: number;
  };
}

export type ProxyContext = Context<ProxyEnv>;

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

/** The Spendgo client for a request made for `client`; counts its attempts into the request log. */
export function spendgoForRequest(c: ProxyContext, client: WidgetClient): SpendgoClient {
  return spendgoClient(c.var.config, accountOf(c.var.config, client), c.env, () => {
    c.set('upstreamAttempts', c.var.upstreamAttempts + 1);
  });
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
