// What can be known about the sign-in without loading oidc-client-ts: whether this page is
// an OIDC callback, and whether a session is stored for this store (shared by its tabs). Keeps
// the core script small.

/** oidc-client-ts keeps its state under these keys (prefix "oidc."): the sign-in flow's in
 * sessionStorage (per tab), the signed-in user's in localStorage (per origin). */
const STATE_PREFIX = 'oidc.';

export function userStorageKey(authority: string, clientId: string): string {
  return `${STATE_PREFIX}user:${authority}:${clientId}`;
}

/**
 * Whether the current URL answers a sign-in: `redirect` when this tab started it (its state is
 * stored here), `popup` when this window is a sign-in popup (its opener holds the state).
 */
export function signInCallbackKind(
  location: Location,
  storage: Storage,
  hasOpener: boolean,
): 'redirect' | 'popup' | null {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  if (state === null || !(params.has('code') || params.has('error'))) return null;
  if (storage.getItem(`${STATE_PREFIX}${state}`) !== null) return 'redirect';
  return hasOpener ? 'popup' : null;
}

export interface StoredSession {
  givenName: string | null;
}

/** The stored session, if any: usable while a refresh token exists (expired access tokens are refreshed). */
export function storedSession(storage: Storage, authority: string, clientId: string): StoredSession | null {
  const raw = storage.getItem(userStorageKey(authority, clientId));
  if (!raw) return null;
  try {
    const user = JSON.parse(raw) as { refresh_token?: string; expires_at?: number; profile?: { given_name?: string } };
    const live = typeof user.expires_at === 'number' && user.expires_at * 1000 > Date.now();
    if (!live && !user.refresh_token) return null;
    return { givenName: user.profile?.given_name ?? null };
  } catch {
    return null;
  }
}

/** The page URL without query or fragment: where the proxy sends the member back. */
export function currentPageUrl(location: Location): string {
  return `${location.origin}${location.pathname}`;
}
