// <spendgo-loyalty>: composes its controllers (session, locale, focus, height, form internals,
// and the engine that asks the proxy, loaded on demand) with the templates, dispatches the typed
// events and reports a form value. The decisions it acts on are the view model's pure functions;
// it holds no business rule of its own.

import { LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { WidgetError } from './api/proxy-client';
import { AuthController, type AuthConfig } from './controllers/auth-controller';
import { EngineLoader } from './controllers/engine-loader';
import { FocusController } from './controllers/focus-controller';
import { HeightController } from './controllers/height-controller';
import { InternalsController } from './controllers/internals-controller';
import { LocaleController } from './controllers/locale-controller';
import { ChunkLoader } from './controllers/chunk-loader';
import { SpendgoDiscountChangeEvent } from './events/discount-change';
import { SpendgoErrorEvent } from './events/error';
import { SpendgoReadyEvent } from './events/ready';
import { SpendgoRewardSelectEvent } from './events/reward-select';
import { SpendgoSessionChangeEvent } from './events/session-change';
import { inLocale } from './i18n';
import { joinPoints, messageFor, t } from './messages';
import { styles } from './styles';
import type { SignInProblem } from './auth/sign-in-outcome';
import type { Handlers, Phase, View } from './state';
import { page } from './templates/page';
import type * as MemberView from './templates/member-view';
import type * as JoinPanel from './join/join-panel';
import {
  customStates,
  formState,
  keptSelection,
  needsEngine,
  phaseOf,
  sessionState,
  type SpendgoCart,
} from './view-model';

export type { SpendgoCart } from './view-model';

/** What a failure tells the shopper and the page (a WidgetError, or one the element makes). */
type Failure = Pick<WidgetError, 'code' | 'message' | 'retryable'>;

/**
 * Spendgo loyalty for any storefront: sign-in, balance, rewards, one reward per order, live
 * validation against the cart.
 *
 * @attr {string} join-terms - Offers a shopper with no account to join the programme (their terms page, a URL); the proxy's client must allow joining.
 * @attr {number} join-earn-rate - Points per dollar, for the join offer's "earn N points on this order".
 * @fires {SpendgoReadyEvent} spendgo-ready - The first state is known.
 * @fires {SpendgoSessionChangeEvent} spendgo-session-change - Signed in, signed out, or guest.
 * @fires {SpendgoRewardSelectEvent} spendgo-reward-select - A reward (or none) was chosen; cancelable.
 * @fires {SpendgoDiscountChangeEvent} spendgo-discount-change - What the host cart may apply changed: `pending` the moment the cart or reward changes, then Spendgo's answer (checkout id, discount, message), `error`, or `none`.
 * @fires {SpendgoErrorEvent} spendgo-error - Something failed: stable code, message, retryable.
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
  // Declared here rather than by decorators: the same reactive properties, without the decorator
  // helper in the script tag (bytes the core's 12 KiB budget is better spent on).
  static override properties = {
    clientId: { attribute: 'client-id' },
    proxy: {},
    store: {},
    currency: {},
    lang: { reflect: true },
    signInMode: { attribute: 'sign-in' },
    allowGuest: { attribute: 'allow-guest', type: Boolean },
    name: { reflect: true },
    mode: {},
    redirectUri: { attribute: 'redirect-uri' },
    cart: { attribute: false },
    selectedId: { state: true },
    amount: { state: true },
    lastError: { state: true },
    signInProblem: { state: true },
  };

  /** The merchant client's id at the proxy. */
  clientId: string | null = null;
  /** The proxy's base URL (its `/oauth` and `/v1` routes). */
  proxy: string | null = null;
  /** The Spendgo store id: whose rewards are shown and where the cart is checked. */
  store: string | null = null;
  /** The cart's currency (ISO 4217). */
  currency = 'USD';
  /** The language (BCP 47): the element's own, else the page's. */
  declare lang: string;
  /** How sign-in opens: `redirect` (a full page) or `popup`. */
  signInMode: 'redirect' | 'popup' = 'redirect';
  /** Lets a shopper who does not sign in check out as a guest (validated without a reward). */
  allowGuest = false;
  /** The form field the checkout id is submitted as (reflected: the browser submits a
   * form-associated element's value under its name attribute). */
  name = 'spendgo_checkout_id';
  /** `test` shows a test-mode banner. */
  mode: 'live' | 'test' = 'live';
  /** Where a redirect sign-in comes back to; this page when absent. */
  redirectUri: string | null = null;
  /** The host cart: items, subtotal and optional tax, tip, delivery, total. */
  cart: SpendgoCart | null = null;

  private selectedId: string | null = null;
  /** Shop With Points: how much of the reward's value to use (null = all of it). */
  private amount: number | null = null;
  private lastError: string | null = null;
  /** Why the last sign-in did not finish (cancelled, denied, failed), until the next attempt. */
  private signInProblem: string | null = null;

  private readyFired = false;
  private wasSigningIn = false;

  private readonly auth = new AuthController(this, {
    config: () => this.authConfig(),
    onChange: () => {
      this.sessionChanged();
    },
    onError: (code) => {
      this.signInFailed(code);
    },
  });
  private readonly focusAfterRender = new FocusController(this, () => this.phase() === 'error');
  private readonly language = new LocaleController(this);
  /** The signed-in body, its styles and messages, once their chunk is here. */
  private readonly member: ChunkLoader<typeof MemberView> = new ChunkLoader(
    this,
    () => import('./templates/member-view'),
  );
  /** The join form: asked for when a signed-out shopper takes the join offer (`join-terms`). */
  private readonly join: ChunkLoader<typeof JoinPanel> = new ChunkLoader(this, () => import('./join/join-panel'));
  /** What asks the proxy (client, loyalty and checkout tasks), once its chunk is here. */
  private readonly engine: EngineLoader = new EngineLoader(this, {
    config: () => this.authConfig(),
    credentials: () => this.auth.credentials,
    ask: () => ({
      cart: this.cart,
      store: this.store,
      auth: this.auth.status,
      allowGuest: this.allowGuest,
      selectedId: this.selectedId,
      amount: this.amount,
      currency: this.currency,
    }),
    onLoaded: (data) => {
      this.selectedId = keptSelection(this.selectedId, data.rewards);
      this.lastError = null;
    },
    onDiscount: (change, answered) => {
      if (answered) this.lastError = null;
      this.dispatchEvent(new SpendgoDiscountChangeEvent(change));
    },
    onError: (error) => {
      this.requestFailed(error);
    },
    // Back online, or back on the page after a while: balance, rewards and validation again.
    onStale: () => {
      if (this.auth.status === 'signed-in' || this.engine.checkoutStatus === 'error') this.refresh();
    },
    // Retry (or coming back online) asks for the chunk again.
    onLoadFailed: () => {
      this.requestFailed({ code: 'network_error', message: '', retryable: true }); // messageFor words it
    },
  });

  constructor() {
    super();
    // A member's reload keeps the height the widget last had until the rewards are back.
    new HeightController(this, () => {
      const config = this.authConfig();
      const member = this.auth.status === 'signed-in' && config !== null;
      return {
        key: member ? `spendgo-loyalty:height:${config.proxy}|${config.clientId}|${this.store ?? ''}` : null,
        settled: this.member.view !== null && this.phase() !== 'loading',
      };
    });
    // Registers itself with this element; reports states and the form value after each render.
    new InternalsController(this, () => ({
      states: customStates(this.phase(), this.auth.status, this.engine.checkoutStatus, this.discount),
      form: formState(this.engine.checkoutStatus, this.selectedId !== null, this.checkoutId),
      // A reward chosen (the only way to be invalid) means the member's chunk is here.
      message: (validity) =>
        inLocale(this.language.locale, () => this.member.view?.validityMessage(validity) ?? validity),
      anchor: () => this.shadowRoot?.querySelector<HTMLElement>('input[type=radio]:checked') ?? undefined,
    }));
  }

  // --- public methods ---

  /** Starts the member sign-in (popup or redirect, per the `sign-in` attribute); with a join
   * ticket (from the join form), signs in the shopper who just joined. */
  signIn(joinTicket?: string): Promise<void> {
    this.signInProblem = null;
    return this.auth.signIn(joinTicket);
  }

  /** Signs the member out and revokes the session at the proxy. */
  async signOut(): Promise<void> {
    this.selectedId = null;
    await this.auth.signOut();
  }

  /** Reloads the balance and rewards, and validates the cart again. */
  refresh(): void {
    if (this.auth.status === 'signed-in') this.member.load();
    this.engine.retry();
    this.requestUpdate();
  }

  /** Removes the chosen reward (the host cart dropped the discount). */
  clearReward(): void {
    this.selectedId = null;
    this.amount = null;
  }

  /** The checkout id to send with the order (also the form value), once validated. */
  get checkoutId(): string | null {
    return this.engine.result?.checkout_id ?? null;
  }

  /** The validated discount; 0 until a reward applies. */
  get discount(): number {
    return this.engine.result?.discount ?? 0;
  }

  // --- what the controllers read and report ---

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
      this.member.load();
      if (this.wasSigningIn) this.focusAfterRender.request('content');
    }
    if (status === 'signed-out') this.selectedId = null;
    this.wasSigningIn = status === 'signing-in';
    const state = sessionState(status, this.allowGuest);
    if (state) this.dispatchEvent(new SpendgoSessionChangeEvent(state, this.auth.givenName));
  }

  private signInFailed(code: SignInProblem): void {
    // Kept apart from lastError: a guest validation that follows must not wipe it.
    this.signInProblem = this.failed({ code, message: '', retryable: code === 'sign_in_failed' });
  }

  private requestFailed(error: Failure): void {
    this.lastError = this.failed(error);
  }

  /** Tells the page (spendgo-error), moves focus to the retry, and gives the shopper's message:
   * always the widget's own words (the proxy's message is for developers, in the console). */
  private failed(error: Failure): string {
    const message = inLocale(
      this.language.locale,
      () => messageFor(error.code) ?? (error.retryable ? t.networkError() : t.unavailableHere()),
    );
    this.focusAfterRender.request('retry');
    this.dispatchEvent(new SpendgoErrorEvent(error.code, message, error.retryable));
    return message;
  }

  // --- lifecycle ---

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('clientId') || changed.has('proxy')) this.auth.configChanged();
    // An emptied cart takes the reward with it: nothing is left for it to apply to. A page may
    // say "empty" as no items, null or no cart at all; each one clears it.
    if (changed.has('cart') && !this.cart?.items.length) this.clearReward();
    // Loaded once there is something to ask the proxy.
    if (this.authConfig() && needsEngine(this.auth.status, this.allowGuest, this.cart?.items.length ?? 0))
      this.engine.load();
  }

  protected override updated(): void {
    const phase = this.phase();
    if (!this.readyFired && phase !== 'loading' && phase !== 'unconfigured') {
      this.readyFired = true;
      this.dispatchEvent(new SpendgoReadyEvent());
    }
  }

  /** @internal The form was reset: the chosen reward goes (the browser calls this). */
  formResetCallback(): void {
    this.clearReward();
  }

  private phase(): Phase {
    return phaseOf(
      this.authConfig() !== null && Boolean(this.store),
      this.auth.status,
      this.engine.loyaltyStatus,
      this.engine.data !== null,
    );
  }

  // --- rendering ---

  private readonly handlers: Handlers = {
    signIn: () => void this.signIn(),
    signOut: () => {
      this.focusAfterRender.request('sign-in');
      void this.signOut();
    },
    retry: () => {
      this.lastError = null;
      this.refresh();
    },
    select: (reward) => {
      if (this.dispatchEvent(new SpendgoRewardSelectEvent(reward))) {
        this.selectedId = reward?.id ?? null;
        this.amount = null;
      } else {
        // Cancelled: the browser already moved the radio; the next render (live()) moves it back.
        this.requestUpdate();
      }
    },
    amount: (value) => {
      this.amount = value;
    },
    join: () => {
      this.join.load();
    },
  };

  private view(phase: Phase): View {
    const data = this.engine.data;
    return {
      locale: this.language.locale,
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
        status: this.engine.checkoutStatus,
        discount: this.discount,
        reason: this.engine.result?.reason ?? null,
        message: this.engine.result?.message ?? null,
      },
      error: this.lastError,
      signInProblem: this.signInProblem,
      join: this.hasAttribute('join-terms') ? joinPoints(this.cart, this.getAttribute('join-earn-rate')) : null,
      now: Date.now(),
    };
  }

  protected override render(): TemplateResult | typeof nothing {
    const phase = this.phase();
    if (phase === 'unconfigured') return nothing;
    const view = this.view(phase);
    return inLocale(view.locale, () =>
      page(view, this.handlers, this.cart !== null, {
        memberBody: this.member.view?.memberBody,
        statusLine: this.engine.statusLine,
        join: this.join.view?.joinPanel.bind(null, this),
      }),
    );
  }
}
