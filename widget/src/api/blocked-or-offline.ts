// Why a request to the proxy failed outright, loaded only when one has: the network, or the
// browser refusing the proxy's answer (CORS: this page's origin is not registered for the
// client). An opaque request to the proxy tells them apart: if it arrives, the proxy is
// reachable, and the developer is told, once per client, which setting to change.

import { offline, WidgetError } from './widget-error';

const warned = new Set<string>();

export async function blockedOrOffline(base: string, clientId: string, fetcher: typeof fetch): Promise<WidgetError> {
  const reachable = await fetcher(`${base}/.well-known/openid-configuration`, {
    mode: 'no-cors',
    credentials: 'omit',
  }).then(
    () => true,
    () => false,
  );
  if (!reachable) return offline();
  if (!warned.has(`${base} ${clientId}`)) {
    warned.add(`${base} ${clientId}`);
    console.warn(
      `spendgo-loyalty: the proxy at ${base} is reachable but its answer was blocked, most likely because this page's origin (${location.origin}) is not in the "origins" of client "${clientId}" in the proxy's WIDGET_CLIENTS setting.`,
    );
  }
  return new WidgetError('origin_not_allowed', 'This page is not registered with the loyalty service.', false);
}
