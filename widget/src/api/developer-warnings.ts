// What the widget tells the page's developer in the browser console (never the shopper, who
// sees the element's own words): once per code, a proxy answer meaning the set-up is wrong, with
// what to change, the proxy's own message and the request id its log line carries. Loaded only
// when there is something to say.

const SETUP: Record<string, string> = {
  unknown_client: "the client-id attribute names no client in the proxy's WIDGET_CLIENTS",
  store_not_allowed: "the store attribute is not one of this client's stores (WIDGET_CLIENTS)",
  store_unknown: 'Spendgo does not know the store code in the store attribute',
  join_not_enabled: 'join-terms is set, but this client does not allow joining ("join": {} in WIDGET_CLIENTS)',
  config_invalid: "the proxy's configuration is incomplete or malformed",
  upstream_auth_failed: "Spendgo refused the proxy's credentials (the SPENDGO_* settings)",
  invalid_request: 'the proxy refused what the page gave the widget (its cart?)',
};

const warned = new Set<string>();

export function warnDeveloper(code: string, message: string, requestId: string | null): void {
  const hint = SETUP[code];
  if (hint === undefined || warned.has(code)) return;
  warned.add(code);
  console.warn(`spendgo-loyalty: ${hint}. The proxy said "${message}" (${code}, request ${requestId ?? 'unknown'}).`);
}
