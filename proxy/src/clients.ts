// Which storefronts may use the proxy: each widget client's exact origins, redirect URIs and
// store codes (architecture.md, trust boundary 6). Pure lookups over the parsed configuration.

import type { ProxyConfig, WidgetClient } from './env';

export function anyClientAllowsOrigin(config: ProxyConfig, origin: string): boolean {
  for (const client of config.clients.values()) if (client.origins.includes(origin)) return true;
  return false;
}

/** A request with no Origin header did not come from a browser page; browsers always send one cross-origin. */
export function originAllowed(client: WidgetClient, origin: string | undefined): boolean {
  return origin === undefined || client.origins.includes(origin);
}

export function redirectAllowed(client: WidgetClient, redirectUri: string): boolean {
  return client.redirect_uris.includes(redirectUri);
}

export function storeAllowed(client: WidgetClient, store: string): boolean {
  return client.stores.includes(store);
}
