// <spendgo-loyalty>: composes the auth, loyalty and checkout controllers with the templates,
// dispatches the typed events and reports a form value. Holds no business rule of its own.

import { LitElement, nothing, type PropertyValues } from 'lit';
import type { CheckoutResponse, Reward } from '../../shared/wire';
import { createProxyClient, type ProxyClient, type WidgetError } from './api/proxy-client';
import { AuthController, type AuthConfig } from './controllers/auth-controller';
import { CheckoutController, type CheckoutStatus } from './controllers/checkout-controller';
import { FreshnessController } from './controllers/freshness-controller';
import { FocusController } from './controllers/focus-controller';
import { InternalsController } from './controllers/internals-controller';
import { LoyaltyController } from './controllers/loyalty-controller';
import { SpendgoDiscountChangeEvent } from './events/discount-change';
import { SpendgoErrorEvent } from './events/error';
import { SpendgoReadyEvent } from './events/ready';
import { SpendgoRewardSelectEvent } from './events/reward-select';
import { SpendgoSessionChangeEvent } from './events/session-change';
import { hasLocale, inLocale, loadLocale } from './i18n';
import { elementLocale, isRtl } from './localization';
import { messageFor, t } from './messages';
import { styles } from './styles';
import type { MemberBody } from './templates/member-view';
import { page } from './templates/page';
import type { Handlers, Phase, View } from './templates/view';
import { checkoutRequest, customStates, discountChange, formState, phaseOf, type SpendgoCart } from './view-model';

export type { SpendgoCart } from './view-model';

/**
 * Spendgo loyalty for any storefront: sign-in, balance, rewards, one reward per order, live
 * validation against the cart.
 *
 * @fires spendgo-ready - The first state is known.
 * @fires spendgo-session-change - Signed in, signed out, or guest.
 * @fires spendgo-reward-select - A reward (or none) was chosen; cancelable.
 * @fires spendgo-discount-change - What the host cart may apply changed: `pending` the moment the cart or reward changes, then Spendgo's answer (checkout id, discount, message), `error`, or `none`.
 * @fires spendgo-error - Something failed: stable code, message, retryable.
 * @slot heading - Replaces the "Rewards" heading.
 * @slot empty - Replaces the text shown when the member has no rewards.
 * @csspart base - The outer box.
 * @csspart banner - Test-mode and offline banners.
 * @csspart balance - The points or visits balance.
 * @csspart progress - Progress toward the next reward.
 * @csspart rewards - The reward list (a fieldset).
 * @csspart reward - One reward option; `reward-selected` marks the chosen one.
 * @csspart reward-label - A reward's name.
 * @csspart reward-value - A reward's value.
 * @csspart reward-detail - Expiry, points cost, amount to use.
 * @csspart status - The validation status line.
 * @csspart error - The error message with its retry button.
 * @csspart button - Every button; also `sign-in-button`, `sign-out-button`, `retry-button`.
 * @csspart skeleton - The loading placeholder.
 * @cssproperty --spendgo-accent - Accent colour (buttons, selection).
 * @cssproperty --spendgo-accent-contrast - Text on the accent colour.
 * @cssproperty --spendgo-text - Text colour (inherits by default).
 * @cssproperty --spendgo-muted - Secondary text colour.
 * @cssproperty --spendgo-surface - Background of the box.
 * @cssproperty --spendgo-border - Border colour.
 * @cssproperty --spendgo-radius - Corner radius.
 * @cssproperty --spendgo-gap - Space between parts.
 * @cssproperty --spendgo-padding - Padding of the box.
 * @cssproperty --spendgo-danger - Colour of errors.
 * @cssproperty --spendgo-focus - Focus ring colour.
 * @cssstate signed-in - A member is signed in.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate loading - Data is loading.
 * @cssstate reward-applied - A validated discount applies.
 * @cssstate error - The last request failed.
 * @cssstate offline - Showing saved data while offline.
 */
export class SpendgoLoyalty extends LitElement {
  static formAssociated = true;
  static override styles = styles;
  static override properties = {
    clientId: { attribute: 'client-id' },
    proxy: {},
    store: {},
    currency: {},
    lang: { reflect: true },
    signInMode: { attribute: 'sign-in' },
    allowGuest: { attribute: 'allow-guest', type: Boolean },
    // Reflected: the browser submits a form-associated element's value under its name attribute.
    name: { reflect: true },
    mode: {},
    redirectUri: { attribute: 'redirect-uri' },
    cart: { attribute: false },
    selectedId: { state: true },
    amount: { state: true },
    lastError: { state: true },
    signInProblem: { state: true },
  };

  declare clientId: string | null;
  declare proxy: string | null;
  declare store: string | null;
  declare currency: string;
  declare lang: string;
  declare signInMode: 'redirect' | 'popup';
  declare allowGuest: boolean;
  declare name: string;
  declare mode: 'live' | 'test';
  declare redirectUri: string | null;
  /** The host cart: items, subtotal and optional tax, tip, delivery, total. */
  declare cart: SpendgoCart | null;
  declare selectedId: string | null;
  declare amount: number | null;
  declare lastError: string | null;
  /** Why the last sign-in did not finish (cancelled, denied, failed), until the next attempt. */
  declare signInProblem: string | null;

  private readonly auth = new AuthController(this, {
    config: () => this.authConfig(),
    onChange: () => {
      this.sessionChanged();
    },
    onError: (code) => {
      this.signInFailed(code);
    },
  });
  private readonly loyalty = new LoyaltyController(this, {
    onLoaded: () => {
      this.loyaltyLoaded();
    },
    onError: (error) => {
      this.requestFailed(error);
    },
  });
  private readonly checkout = new CheckoutController(this, {
    onChange: (status, result, reward) => {
      this.reportDiscount(status, result, reward);
    },
    onError: (error) => {
      this.requestFailed(error);
    },
  });

  private readonly focusAfterRender = new FocusController(this, () => this.phase() === 'error');
  private client: ProxyClient | null = null;
  private readyFired = false;
  private autoDir = false;
  private wasSigningIn = false;
  private memberBody: MemberBody | null = null;

  constructor() {
    super();
    this.clientId = null;
    this.proxy = null;
    this.store = null;
    this.currency = 'USD';
    this.signInMode = 'redirect';
    this.allowGuest = false;
    this.name = 'spendgo_checkout_id';
    this.mode = 'live';
    this.redirectUri = null;
    this.cart = null;
    this.selectedId = null;
    this.amount = null;
    this.lastError = null;
    this.signInProblem = null;
    // Back online, or back on the page after a while: balance, rewards and validation again.
    new FreshnessController(this, () => {
      if (this.auth.status === 'signed-in' || this.checkout.status === 'error') this.refresh();
    });
    // Registers itself with this element; reports states and the form value after each render.
    new InternalsController(this, () => ({
      states: customStates(this.phase(), this.auth.status, this.checkout.status, this.discount),
      form: formState(this.checkout.status, this.selectedId !== null, this.checkoutId),
      locale: elementLocale(this.lang),
      anchor: () => this.shadowRoot?.querySelector<HTMLElement>('input[type=radio]:checked') ?? undefined,
    }));
  }

  // --- public methods ---

  /** Starts the member sign-in (popup or redirect, per the `sign-in` attribute). */
  signIn(): Promise<void> {
    this.signInProblem = null;
    return this.auth.signIn();
  }

  /** Signs the member out and revokes the session at the proxy. */
  async signOut(): Promise<void> {
    this.selectedId = null;
    await this.auth.signOut();
  }

  /** Reloads the balance and rewards, and validates the cart again. */
  refresh(): void {
    this.loadLoyalty();
    this.checkout.invalidate();
    this.requestUpdate();
  }

  /** Removes the chosen reward (the host cart dropped the discount). */
  clearReward(): void {
    this.selectedId = null;
    this.amount = null;
  }

  /** The checkout id to send with the order (also the form value), once validated. */
  get checkoutId(): string | null {
    return this.checkout.result?.checkout_id ?? null;
  }

  /** The validated discount; 0 until a reward applies. */
  get discount(): number {
    return this.checkout.result?.discount ?? 0;
  }

  // --- what the controllers report ---

  private authConfig(): AuthConfig | null {
    if (!this.clientId || !this.proxy) return null;
    return {
      proxy: this.proxy.replace(/\/+$/, ''),
      clientId: this.clientId,
      redirectUri: this.redirectUri,
      signIn: this.signInMode,
    };
  }

  private sessionChanged(): void {
    const status = this.auth.status;
    if (status === 'signed-in') {
      // Signed in (here or in another tab): why an earlier attempt failed no longer matters.
      this.signInProblem = null;
      this.loadLoyalty();
      void import('./templates/member-view').then(({ memberBody }) => {
        this.memberBody = memberBody;
        this.requestUpdate();
      });
    }
    if (status === 'signed-out') {
      this.loyalty.clear();
      this.selectedId = null;
    }
    if (status === 'signed-in' && this.wasSigningIn) this.focusAfterRender.request('content');
    this.wasSigningIn = status === 'signing-in';
    if (status === 'signed-in' || status === 'signed-out') {
      const state = status === 'signed-in' ? 'signed-in' : this.allowGuest ? 'guest' : 'signed-out';
      this.dispatchEvent(new SpendgoSessionChangeEvent(state, this.auth.givenName));
    }
  }

  private signInFailed(code: 'sign_in_cancelled' | 'sign_in_failed'): void {
    const message = inLocale(elementLocale(this.lang), () =>
      code === 'sign_in_cancelled' ? t.signInCancelled() : t.signInFailed(),
    );
    // Kept apart from lastError: a guest validation that follows must not wipe it.
    this.signInProblem = message;
    this.focusAfterRender.request('retry');
    this.dispatchEvent(new SpendgoErrorEvent(code, message, code === 'sign_in_failed'));
  }

  private loyaltyLoaded(): void {
    const ids = new Set(this.loyalty.data?.rewards.map((r) => r.id));
    if (this.selectedId !== null && !ids.has(this.selectedId)) this.selectedId = null;
    this.lastError = null;
  }

  private requestFailed(error: WidgetError): void {
    const message = inLocale(elementLocale(this.lang), () => messageFor(error.code) ?? error.message);
    this.fail(error.code, message, error.retryable);
  }

  private reportDiscount(status: CheckoutStatus, result: CheckoutResponse | null, reward: Reward | null): void {
    if (result) this.lastError = null;
    this.dispatchEvent(new SpendgoDiscountChangeEvent(discountChange(status, result, reward, this.currency)));
  }

  private fail(code: string, message: string, retryable: boolean): void {
    this.lastError = message;
    this.focusAfterRender.request('retry');
    this.dispatchEvent(new SpendgoErrorEvent(code, message, retryable));
  }

  // --- lifecycle ---

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('clientId') || changed.has('proxy')) {
      const config = this.authConfig();
      this.client = config ? createProxyClient(config.proxy, config.clientId) : null;
      this.auth.configChanged();
    }
    if (changed.has('lang')) this.applyLocale();
    if (changed.has('store') && this.auth.status === 'signed-in') this.loadLoyalty();
    this.scheduleCheckout();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.applyLocale();
  }

  protected override updated(): void {
    const phase = this.phase();
    if (!this.readyFired && phase !== 'loading' && phase !== 'unconfigured') {
      this.readyFired = true;
      this.dispatchEvent(new SpendgoReadyEvent());
    }
  }

  formResetCallback(): void {
    this.clearReward();
  }

  private applyLocale(): void {
    const locale = elementLocale(this.lang);
    // This element's own language: another widget on the page may use another.
    if (!hasLocale(locale))
      void loadLocale(locale).then(() => {
        this.requestUpdate();
      });
    if (!this.hasAttribute('dir') || this.autoDir) {
      this.autoDir = true;
      if (isRtl(locale)) this.setAttribute('dir', 'rtl');
      else this.removeAttribute('dir');
    }
  }

  private loadLoyalty(): void {
    const credentials = this.auth.credentials;
    if (this.client && credentials && this.store) void this.loyalty.load(this.client, credentials, this.store);
  }

  private selectedReward(): Reward | null {
    return this.loyalty.data?.rewards.find((r) => r.id === this.selectedId) ?? null;
  }

  /** Validates again whenever what Spendgo would see changes: cart, reward, amount, session. */
  private scheduleCheckout(): void {
    const member = this.auth.status === 'signed-in';
    const guest = this.auth.status === 'signed-out' && this.allowGuest;
    // An emptied cart takes the reward with it: nothing is left for it to apply to.
    if (this.cart?.items.length === 0 && this.selectedId !== null) this.clearReward();
    if (!this.client || !this.store || !this.cart?.items.length || !(member || guest)) {
      this.checkout.sync(null);
      return;
    }
    const reward = member ? this.selectedReward() : null;
    const body = checkoutRequest(this.cart, this.store, reward, this.amount);
    this.checkout.sync({ client: this.client, credentials: member ? this.auth.credentials : null, body, reward });
  }

  private phase(): Phase {
    return phaseOf(
      this.authConfig() !== null && Boolean(this.store),
      this.auth.status,
      this.loyalty.status,
      this.loyalty.data !== null,
    );
  }

  // --- rendering ---

  private readonly handlers: Handlers = {
    signIn: () => void this.signIn(),
    signOut: () => void this.signOut(),
    retry: () => {
      this.lastError = null;
      this.refresh();
    },
    select: (reward) => {
      if (!this.dispatchEvent(new SpendgoRewardSelectEvent(reward))) {
        // The browser already moved the radio selection: put it back where it was.
        for (const radio of this.shadowRoot?.querySelectorAll('input[type=radio]') ?? []) {
          (radio as HTMLInputElement).checked = (radio as HTMLInputElement).value === (this.selectedId ?? '');
        }
        return;
      }
      this.selectedId = reward?.id ?? null;
      this.amount = null;
    },
    amount: (value) => {
      this.amount = value;
    },
  };

  private view(phase: Phase): View {
    const data = this.loyalty.data;
    return {
      locale: elementLocale(this.lang),
      currency: this.currency,
      testMode: this.mode === 'test',
      phase,
      allowGuest: this.allowGuest,
      givenName: this.auth.givenName,
      balance: data?.balance ?? null,
      rewards: data?.rewards ?? [],
      fetchedAt: data?.fetchedAt ?? null,
      selectedId: this.selectedId,
      amount: this.amount,
      checkout: {
        status: this.checkout.status,
        discount: this.discount,
        message: this.checkout.result?.message ?? null,
      },
      error: this.lastError,
      signInProblem: this.signInProblem,
      now: Date.now(),
    };
  }

  protected override render() {
    const phase = this.phase();
    if (phase === 'unconfigured') return nothing;
    const view = this.view(phase);
    return inLocale(view.locale, () => page(view, this.handlers, this.cart !== null, this.memberBody));
  }
}
