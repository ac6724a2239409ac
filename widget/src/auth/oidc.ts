// The lazily loaded sign-in module: oidc-client-ts configured for the proxy's OIDC facade with
// PKCE and DPoP (a non-extractable key in the widget's own IndexedDB database), tokens in
// sessionStorage, refresh by rotating refresh token. Imported only to sign in, to finish a
// sign-in callback, or to sign a member's request.

import { IndexedDbDPoPStore, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Credentials } from '../api/proxy-client';

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
  signInRedirect(): Promise<void>;
  signInPopup(): Promise<User>;
  /** Completes a redirect callback on this page. */
  callback(url: string): Promise<User | undefined>;
  /** In a sign-in popup: hands the response to the opener, which completes it; the popup closes. */
  popupCallback(url: string): Promise<void>;
  signOut(): Promise<void>;
}

export function createAuth(options: AuthOptions): Auth {
  const { authority, clientId, redirectUri } = options;
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
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    dpop: { store: new WidgetDPoPStore(), bind_authorization_code: true },
    automaticSilentRenew: true,
    loadUserInfo: false,
    revokeTokenTypes: ['refresh_token'],
  });

  // Two tabs starting a sign-in at once must not race to create two DPoP keys.
  const once = <T>(work: () => Promise<T>): Promise<T> =>
    'locks' in navigator ? navigator.locks.request('spendgo-loyalty-sign-in', work) : work();

  return {
    user: () => manager.getUser(),
    signInRedirect: () => once(() => manager.signinRedirect()),
    signInPopup: () => once(() => manager.signinPopup()),
    callback: (url) => manager.signinCallback(url),
    popupCallback: (url) => manager.signinPopupCallback(url),
    async signOut() {
      try {
        await manager.revokeTokens(['refresh_token']);
      } finally {
        await manager.removeUser();
      }
    },
    async headers(method, url) {
      const user = await manager.getUser();
      if (!user) return {};
      // RFC 9449's htu has no query; the proxy compares without it.
      const proof = await manager.dpopProof(url.split('?')[0]!, user, method);
      return { Authorization: `DPoP ${user.access_token}`, ...(proof && { DPoP: proof }) };
    },
    async refresh() {
      try {
        return (await manager.signinSilent()) !== null;
      } catch {
        return false;
      }
    },
  };
}
