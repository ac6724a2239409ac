// The redirect URIs a native app may register and use (RFC 8252 §7): a claimed https URL
// (universal links, app links), a private-use scheme named after a domain the app's publisher
// owns (`com.example.app:/oauth2redirect`), or the loopback interface by IP literal on any port
// (`http://127.0.0.1/callback`, `http://[::1]/callback`). Pure.

export type NativeRedirectKind = 'claimed' | 'scheme' | 'loopback';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/** A reverse-DNS scheme: at least two labels joined by dots (RFC 8252 §7.1, RFC 7595 §3.8). */
const REVERSE_DNS_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+:$/;

/** What a registered native redirect URI is, or why it cannot be one. */
export function nativeRedirectKind(uri: string): { ok: true; kind: NativeRedirectKind } | { ok: false; why: string } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { ok: false, why: 'not a URI' };
  }
  if (uri.includes('#')) return { ok: false, why: 'no fragment' };
  if (url.username !== '' || url.password !== '') return { ok: false, why: 'no user name or password' };
  if (url.protocol === 'https:') return { ok: true, kind: 'claimed' };
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname))
      return { ok: false, why: 'plain http only to 127.0.0.1 or [::1] (RFC 8252 §8.3: not localhost)' };
    // The app opens its port when it signs in; any port is accepted then (RFC 8252 §7.3).
    if (url.port !== '') return { ok: false, why: 'a loopback redirect is registered without a port' };
    return { ok: true, kind: 'loopback' };
  }
  if (REVERSE_DNS_SCHEME.test(url.protocol)) return { ok: true, kind: 'scheme' };
  return { ok: false, why: 'https, http://127.0.0.1, or a reverse-DNS scheme such as com.example.app:/callback' };
}

/** Whether `requested` is one of `registered`: exactly, or for a loopback one, on any port. */
export function nativeRedirectMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return false;
  }
  // Only a URI in its normal form: no dot segments or escapes that could read two ways.
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.port === '' || url.href !== requested)
    return false;
  url.port = '';
  const portless = url.href;
  return registered.some((uri) => URL.canParse(uri) && new URL(uri).href === portless);
}
