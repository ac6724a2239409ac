// Which storefronts and apps may use the proxy: each widget client's exact origins, redirect URIs
// and store codes (docs/architecture.md, trust boundary 6). Pure lookups over the parsed configuration.

import type { ProxyConfig, WidgetClient } from './env';
import { nativeRedirectMatches } from './native-redirects';

export function anyClientAllowsOrigin(config: ProxyConfig, origin: string): boolean {
  for (const client of config.clients.values()) if (client.origins.includes(origin)) return true;
  return false;
}

/** The registered client a request names by `client_id`, else the first whose origins include its Origin. */
export function clientOfRequest(
  config: ProxyConfig,
  clientId: string | undefined,
  origin: string | undefined,
): WidgetClient | undefined {
  const named = clientId === undefined ? undefined : config.clients.get(clientId);
  if (named || origin === undefined) return named;
  for (const client of config.clients.values()) if (client.origins.includes(origin)) return client;
  return undefined;
}

/** A request with no Origin header did not come from a browser page; browsers always send one
 * cross-origin. A native client's requests come from an app, so a page naming one is refused. */
export function originAllowed(client: WidgetClient, origin: string | undefined): boolean {
  if (client.type === 'native') return origin === undefined;
  return origin === undefined || client.origins.includes(origin);
}

/** Exactly a registered redirect URI; for a native client, a loopback one on any port (RFC 8252 §7.3). */
export function redirectAllowed(client: WidgetClient, redirectUri: string): boolean {
  if (client.type === 'native') return nativeRedirectMatches(client.redirect_uris, redirectUri);
  return client.redirect_uris.includes(redirectUri);
}

export function storeAllowed(client: WidgetClient, store: string): boolean {
  return client.stores.includes(store);
}
