// The Hono environment every proxy route shares: its variables, the environments the
// authenticating middleware establish, and the request's own Spendgo client.

import type { Context } from 'hono';
import { accountOf, type ProxyConfig, type WidgetClient } from './env';
import type { AccessClaims } from './oidc/tokens';
import type { SpendgoClient } from './spendgo/client';
import { spendgoClient } from './spendgo/for-account';

export interface ProxyEnv {
  Bindings: Env;
  Variables: {
    config: ProxyConfig;
    requestId: string;
    /** What the request log reports, filled in as the request learns it. Routes that need
     * the client or the member are typed by the middleware that establishes them (MemberEnv,
     * MerchantEnv), not read from here. */
    log: RequestFacts;
  };
}

export interface RequestFacts {
  /** The widget client the request is made for, once known. */
  clientId: string | null;
  /** A member's verified access token came with it. */
  member: boolean;
  /** Spendgo HTTP attempts made for this request, here or in a Durable Object on its behalf. */
  upstreamAttempts: number;
  /** The error code the request was answered with, if any. */
  errorCode: string | null;
}

/** Notes in the request log which client the request is for. */
export function noteClient(c: RequestScope, client: WidgetClient): void {
  c.var.log.clientId = client.client_id;
}

export type ProxyContext = Context<ProxyEnv>;

/** What a request helper uses of a context. A route's context (a member's, a merchant's, with
 * its path's params) is assignable to this, not to ProxyContext: Hono's Context is invariant
 * in its environment. */
export type RequestScope = Pick<ProxyContext, 'env' | 'var' | 'req' | 'header' | 'json'>;

/** A merchant backend's request, once merchantAuth has verified its signature. */
export interface MerchantEnv {
  Bindings: Env;
  Variables: ProxyEnv['Variables'] & { client: WidgetClient };
}

/** A member's request, once memberAuth has verified the token and its DPoP proof. */
export interface MemberEnv {
  Bindings: Env;
  Variables: ProxyEnv['Variables'] & { client: WidgetClient; member: AccessClaims };
}

/** What a merchant route's helpers use of its context. */
export type MerchantScope = Pick<Context<MerchantEnv>, 'env' | 'var' | 'req' | 'header' | 'json'>;

/** The Spendgo client for a request made for `client`; counts its attempts into the request log. */
export function spendgoForRequest(c: RequestScope, client: WidgetClient): SpendgoClient {
  return spendgoClient(c.var.config, accountOf(c.var.config, client), c.env, () => {
    c.var.log.upstreamAttempts++;
  });
}
