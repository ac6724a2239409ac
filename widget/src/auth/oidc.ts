// The lazily loaded sign-in module: oidc-client-ts configured for the proxy's OIDC facade with
// PKCE and DPoP (a non-extractable key in the widget's own IndexedDB database), tokens in
// localStorage so every tab of the store shares one sign-in (a copied token is useless without
// that key), refresh by rotating refresh token: only when needed (an expired or rejected access
// token), one at a time across tabs (refresh-coordinator.ts). The sign-in flow's own state stays
// per tab (sessionStorage). Imported only to sign in, to finish a sign-in callback, or to sign a
// member's request.

import { IndexedDbDPoPStore, UserManager, WebStorageStateStore, type DPoPState, type User } from 'oidc-client-ts';
import type { Credentials } from '../api/proxy-client';
import { refreshCoordinator, withLock } from './refresh-coordinator';
import { notSignedIn, popupBlocked, type SignInOutcome } from './sign-in-outcome';

/** Refresh this many seconds before the access token expires, so it does not expire in flight. */
const EXPIRY_MARGIN_SECONDS = 10;
/** A popup sign-in still open after this long is given up, as if the member had closed it. */
const POPUP_TIMEOUT_MS = 5 * 60_000;

/** Its own database, so a host page that uses oidc-client-ts too keeps its own keys. */
class WidgetDPoPStore extends IndexedDbDPoPStore {
  override readonly _dbName = 'spendgo-loyalty-dpop';
}

export interface AuthOptions {
  authority: string;
  clientId: string;
  redirectUri: string;
}

export interface Auth extends Credentials {
  user(): Promise<User | null>;
  /** A popup sign-in falls back to a redirect only when the browser blocked the popup. A join
   * ticket (POST /v1/join) signs in the shopper who just joined, without Spendgo's pages. */
  signIn(mode: 'redirect' | 'popup', joinTicket?: string): Promise<SignInOutcome>;
  /** Completes a redirect callback on this page. */
  finishRedirect(url: string): Promise<SignInOutcome>;
  /** In a sign-in popup: hands the response to the opener, which completes it; the popup closes. */
  popupCallback(url: string): Promise<void>;
  signOut(): Promise<void>;
}

export function createAuth(options: AuthOptions): Auth {
  const { authority, clientId, redirectUri } = options;
  const dpopStore = new WidgetDPoPStore();
  /** The proxy's latest DPoP nonce, for resource proofs. */
  let nonce: string | undefined;
  const manager = new UserManager({
    authority,
    client_id: clientId,
    redirect_uri: redirectUri,
    popup_redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    metadata: {
      issuer: authority,
      authorization_endpoint: `${authority}/oauth/authorize`,
      token_endpoint: `${authority}/oauth/token`,
      userinfo_endpoint: `${authority}/oauth/userinfo`,
      revocation_endpoint: `${authority}/oauth/revoke`,
      jwks_uri: `${authority}/oauth/jwks`,
    },
    userStore: new WebStorageStateStore({ store: localStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    dpop: { store: dpopStore, bind_authorization_code: true },
    // No timer: a timer-driven renewal would race the on-demand one; refreshing on demand under
    // one lock is enough (the refresh token lives as long as the sign-in).
    automaticSilentRenew: false,
    loadUserInfo: false,
    revokeTokenTypes: ['refresh_token'],
  });

  // Two tabs starting a sign-in at once must not race to create two DPoP keys.
  const once = <T>(work: () => Promise<T>): Promise<T> => withLock('spendgo-loyalty-sign-in', work);
  const ensureReplaced = refreshCoordinator(`spendgo-loyalty-refresh:${authority}:${clientId}`, {
    current: async () => (await manager.getUser())?.access_token ?? null,
    async refresh() {
      try {
        return (await manager.signinSilent()) !== null;
      } catch {
        return false;
      }
    },
  });

  return {
    user: () => manager.getUser(),
    async signIn(mode, joinTicket) {
      const extra = joinTicket ? { extraQueryParams: { join_ticket: joinTicket } } : {};
      if (mode === 'popup') {
        try {
          // Closing the popup ends the sign-in at once (oidc-client-ts otherwise keeps waiting).
          const popup = { popupAbortOnClose: true, popupSignal: AbortSignal.timeout(POPUP_TIMEOUT_MS), ...extra };
          return signedIn(await once(() => manager.signinPopup(popup)));
        } catch (error) {
          // Only a popup the browser blocked falls back to a full-page redirect; a member who
          // cancelled, denied or closed it stays here, told so.
          if (!popupBlocked(error)) return notSignedIn(error);
        }
      }
      try {
        await once(() => manager.signinRedirect(extra));
        return { status: 'redirecting' };
      } catch (error) {
        return notSignedIn(error);
      }
    },
    async finishRedirect(url) {
      try {
        const user = await manager.signinCallback(issuerChecked(url, authority));
        return user ? signedIn(user) : { status: 'signed-out' };
      } catch (error) {
        return notSignedIn(error);
      }
    },
    popupCallback: (url) => manager.signinPopupCallback(issuerChecked(url, authority)),
    async signOut() {
      try {
        await manager.revokeTokens(['refresh_token']);
      } finally {
        await manager.removeUser();
      }
    },
    async headers(method, url) {
      let user = await manager.getUser();
      if (!user) return {};
      // Refresh before sending rather than after a 401: one refresh for every parallel request.
      if ((user.expires_in ?? Infinity) <= EXPIRY_MARGIN_SECONDS) {
        await ensureReplaced(user.access_token);
        user = await manager.getUser();
        if (!user) return {};
      }
      // RFC 9449's htu has no query; the proxy compares without it.
      // After a reload, the nonce kept with the key (below) saves the first requests a challenge.
      nonce ??= ((await dpopStore.get(clientId)) as DPoPState | undefined)?.nonce;
      const proof = await manager.dpopProof(url.split('?')[0]!, user, method, nonce);
      return { Authorization: `DPoP ${user.access_token}`, ...(proof && { DPoP: proof }) };
    },
    noteNonce(value) {
      if (value === nonce) return;
      nonce = value;
      // oidc-client-ts keeps the token endpoint's nonce with the key and only learns a new one
      // from a refusal; handing it the newest saves a refresh its extra round trip.
      void (async () => {
        // Typed as always there, but absent until oidc-client-ts has made the key.
        const state = (await dpopStore.get(clientId)) as DPoPState | undefined;
        if (state && state.nonce !== value) await dpopStore.set(clientId, Object.assign(state, { nonce: value }));
      })().catch(() => undefined);
    },
    refresh: (rejected) => ensureReplaced(rejected ?? null),
  };
}

const signedIn = (user: User): SignInOutcome => ({ status: 'signed-in', givenName: user.profile.given_name ?? null });

/**
 * RFC 9207: the proxy names itself (`iss`) in every authorization response. One that names
 * another issuer, or none, is turned into an error response for the same state, so the sign-in
 * fails instead of redeeming a code from somewhere else.
 */
export function issuerChecked(url: string, authority: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.get('iss') === authority) return url;
  const state = parsed.searchParams.get('state');
  parsed.search = new URLSearchParams({
    error: 'invalid_request',
    error_description: 'The sign-in answer did not come from this store’s sign-in service.',
    ...(state !== null && { state }),
  }).toString();
  return parsed.toString();
}
