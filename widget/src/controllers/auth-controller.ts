// The member's session as the element sees it: unknown → signed-out | signing-in → signed-in.
// Loads the sign-in module only when needed (a sign-in, a callback on this page, or a stored
// session whose requests must be signed). Popup sign-in falls back to a redirect only when the
// popup is blocked. The session is shared by the store's tabs: a sign-in, refresh or sign-out in
// one reaches the others through the storage event.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Credentials } from '../api/proxy-client';
import type { Auth } from '../auth/oidc';
import { currentPageUrl, signInCallbackKind, storedSession, userStorageKey } from '../auth/stored-session';

export type AuthStatus = 'unknown' | 'signed-out' | 'signing-in' | 'signed-in';

export interface AuthConfig {
  proxy: string;
  clientId: string;
  redirectUri: string | null;
  signIn: 'redirect' | 'popup';
}

export interface AuthOptions {
  /** The element's current configuration (null until client-id and proxy are set). */
  config(): AuthConfig | null;
  /** The status or the member's name changed. */
  onChange(): void;
  /** A sign-in did not finish: `sign_in_cancelled` or `sign_in_failed`. */
  onError(code: 'sign_in_cancelled' | 'sign_in_failed'): void;
}

export class AuthController implements ReactiveController {
  status: AuthStatus = 'unknown';
  givenName: string | null = null;
  private auth: Promise<Auth> | null = null;
  private configKey = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AuthOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.resolve();
    window.addEventListener('storage', this.onStorage);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.onStorage);
  }

  /** Another tab signed in, refreshed or signed out: follow it (not while signing in here). */
  private readonly onStorage = (event: StorageEvent): void => {
    const config = this.options.config();
    if (!config || event.storageArea !== localStorage || this.status === 'signing-in') return;
    if (event.key !== null && event.key !== userStorageKey(config.proxy, config.clientId)) return;
    const stored = storedSession(localStorage, config.proxy, config.clientId);
    this.set(stored ? 'signed-in' : 'signed-out', stored?.givenName ?? null);
  };

  /** Re-reads the session when the configuration changes (client, proxy). */
  configChanged(): void {
    const config = this.options.config();
    const key = config ? `${config.proxy}|${config.clientId}` : '';
    if (key === this.configKey) return;
    this.configKey = key;
    this.auth = null;
    void this.resolve();
  }

  get credentials(): Credentials | null {
    if (this.status !== 'signed-in') return null;
    return {
      headers: async (method, url) => (await this.load()).headers(method, url),
      noteNonce: (nonce) => {
        void this.load().then((auth) => {
          auth.noteNonce(nonce);
        });
      },
      refresh: async (rejected) => {
        const ok = await (await this.load()).refresh(rejected);
        if (!ok) this.set('signed-out', null);
        return ok;
      },
    };
  }

  private load(): Promise<Auth> {
    const config = this.options.config();
    if (!config) return Promise.reject(new Error('spendgo-loyalty: client-id and proxy are required'));
    this.auth ??= import('../auth/oidc').then(({ createAuth }) =>
      createAuth({
        authority: config.proxy,
        clientId: config.clientId,
        redirectUri: config.redirectUri ?? currentPageUrl(location),
      }),
    );
    return this.auth;
  }

  private set(status: AuthStatus, givenName: string | null): void {
    const changed = status !== this.status || givenName !== this.givenName;
    this.status = status;
    this.givenName = givenName;
    this.host.requestUpdate();
    if (changed) this.options.onChange();
  }

  private async resolve(): Promise<void> {
    const config = this.options.config();
    if (!config || typeof window === 'undefined') return;
    this.configKey = `${config.proxy}|${config.clientId}`;
    const callback = signInCallbackKind(location, sessionStorage, window.opener !== null);
    if (callback === 'popup') {
      this.set('signing-in', null);
      await (await this.load()).popupCallback(location.href).catch(() => undefined);
      return;
    }
    if (callback === 'redirect') {
      this.set('signing-in', null);
      try {
        const user = await (await this.load()).callback(location.href);
        history.replaceState(history.state, '', currentPageUrl(location) + location.hash);
        if (user) this.set('signed-in', user.profile.given_name ?? null);
        else this.set('signed-out', null);
      } catch (error) {
        history.replaceState(history.state, '', currentPageUrl(location) + location.hash);
        this.set('signed-out', null);
        this.options.onError(signInError(error));
      }
      return;
    }
    const stored = storedSession(localStorage, config.proxy, config.clientId);
    this.set(stored ? 'signed-in' : 'signed-out', stored?.givenName ?? null);
  }

  async signIn(): Promise<void> {
    const config = this.options.config();
    if (!config) return;
    this.set('signing-in', null);
    const auth = await this.load();
    if (config.signIn === 'popup') {
      try {
        const user = await auth.signInPopup();
        this.set('signed-in', user.profile.given_name ?? null);
        return;
      } catch (error) {
        // Only a popup the browser blocked falls back to a full-page redirect; a member who
        // cancelled, denied or closed it stays here, told so.
        if (!popupBlocked(error)) {
          this.set('signed-out', null);
          this.options.onError(signInError(error));
          return;
        }
      }
    }
    try {
      await auth.signInRedirect();
    } catch (error) {
      this.set('signed-out', null);
      this.options.onError(signInError(error));
    }
  }

  async signOut(): Promise<void> {
    try {
      await (await this.load()).signOut();
    } finally {
      this.set('signed-out', null);
    }
  }
}

const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.message} ${'error' in error ? String(error.error) : ''}` : '';

/** Backing out (deny, cancel, closing the popup, letting it time out) is a cancellation, not a failure. */
export function signInError(error: unknown): 'sign_in_cancelled' | 'sign_in_failed' {
  return /access_denied|declined|closed|aborted|timed? ?out/i.test(messageOf(error))
    ? 'sign_in_cancelled'
    : 'sign_in_failed';
}

/** window.open gave no window (oidc-client-ts: "Attempted to navigate on a disposed window"). */
export function popupBlocked(error: unknown): boolean {
  return /disposed window|popup blocked/i.test(messageOf(error));
}
