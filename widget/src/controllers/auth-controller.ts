// The member's session as the element sees it: unknown → signed-out | signing-in → signed-in.
// Loads the sign-in module only when needed (a sign-in, a callback on this page, or a stored
// session whose requests must be signed); how a sign-in goes is that module's business. The
// session is shared by the store's tabs: a sign-in, refresh or sign-out in one reaches the
// others through the storage event.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Credentials } from '../api/proxy-client';
import type { Auth } from '../auth/oidc';
import type { SignInOutcome, SignInProblem } from '../auth/sign-in-outcome';
import { currentPageUrl, signInCallbackKind, storedSession, userStorageKey } from '../auth/stored-session';
import type { AuthStatus } from '../state';

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
  onError(code: SignInProblem): void;
}

export class AuthController implements ReactiveController {
  status: AuthStatus = 'unknown';
  givenName: string | null = null;
  /** The signed-in member's request credentials: one object per session, null when signed out. */
  credentials: Credentials | null = null;
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

  private sessionCredentials(): Credentials {
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
    if (status !== 'signed-in') this.credentials = null;
    else if (changed || !this.credentials) this.credentials = this.sessionCredentials();
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
      const outcome = await (await this.load()).finishRedirect(location.href);
      history.replaceState(history.state, '', currentPageUrl(location) + location.hash);
      this.settle(outcome);
      return;
    }
    const stored = storedSession(localStorage, config.proxy, config.clientId);
    this.set(stored ? 'signed-in' : 'signed-out', stored?.givenName ?? null);
  }

  async signIn(joinTicket?: string): Promise<void> {
    const config = this.options.config();
    if (!config) return;
    this.set('signing-in', null);
    this.settle(await (await this.load()).signIn(config.signIn, joinTicket));
  }

  private settle(outcome: SignInOutcome): void {
    if (outcome.status === 'redirecting') return; // the page is leaving for Spendgo
    this.set(outcome.status, outcome.status === 'signed-in' ? outcome.givenName : null);
    if (outcome.status === 'signed-out' && outcome.problem) this.options.onError(outcome.problem);
  }

  async signOut(): Promise<void> {
    try {
      await (await this.load()).signOut();
    } finally {
      this.set('signed-out', null);
    }
  }
}
