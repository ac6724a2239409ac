// Everything the element asks the proxy, composed: the proxy client for the configured proxy,
// the loyalty task (balance, rewards), the checkout task (the cart and the chosen reward) and
// the freshness watch, wired to what the host reads and reports. It lives in the engine chunk,
// so a shopper who is only shown "Sign in" downloads none of it.

import type { ReactiveControllerHost } from 'lit';
import type { CheckoutResponse, Reward } from '../../../shared/wire-types';
import { createProxyClient, type Credentials, type ProxyClient, type WidgetError } from '../api/proxy-client';
import { checkoutToAsk, discountChange, type CheckoutAsk } from '../checkout-model';
import type { DiscountChange } from '../events/discount-change';
import type { CheckoutStatus, LoyaltyData, LoyaltyStatus } from '../state';
import { CheckoutController, type CheckoutInput } from './checkout-controller';
import { FreshnessController } from './freshness-controller';
import { LoyaltyController } from './loyalty-controller';

/** What the shopper has in front of them, read before each host update. */
export interface EngineAsk extends Omit<CheckoutAsk, 'reward'> {
  /** The chosen reward's id, looked up in the member's current rewards. */
  selectedId: string | null;
  currency: string;
}

export interface EngineOptions {
  /** The proxy's base URL and the client id; null until both are set. */
  config(): { proxy: string; clientId: string } | null;
  /** The member's session, or null for a guest or nobody. */
  credentials(): Credentials | null;
  ask(): EngineAsk;
  onLoaded: (data: LoyaltyData) => void;
  /** What the host cart may apply changed; `answered` when Spendgo's answer is in it. */
  onDiscount: (change: DiscountChange, answered: boolean) => void;
  onError: (error: WidgetError) => void;
  /** Back online, or back on the page after a while: what is shown may be out of date. */
  onStale: () => void;
}

export class EngineController {
  private readonly loyalty: LoyaltyController;
  private readonly checkout: CheckoutController;
  private client: { key: string; client: ProxyClient } | null = null;

  constructor(host: ReactiveControllerHost, options: EngineOptions) {
    this.loyalty = new LoyaltyController(host, {
      args: () => [this.proxyClient(options), options.credentials(), options.ask().store],
      onLoaded: options.onLoaded,
      onError: options.onError,
    });
    this.checkout = new CheckoutController(host, {
      input: () => this.checkoutInput(options),
      onChange: (status, result, reward) => {
        options.onDiscount(discountChange(status, result, reward, options.ask().currency), result !== null);
      },
      onError: options.onError,
    });
    new FreshnessController(host, options.onStale);
  }

  get loyaltyStatus(): LoyaltyStatus {
    return this.loyalty.status;
  }

  get data(): LoyaltyData | null {
    return this.loyalty.data;
  }

  get checkoutStatus(): CheckoutStatus {
    return this.checkout.status;
  }

  /** The standing validation (valid or not applied), else null. */
  get result(): CheckoutResponse | null {
    return this.checkout.result;
  }

  /** Loads the balance and rewards again and validates the cart again. */
  refresh(): void {
    this.loyalty.reload();
    this.checkout.invalidate();
  }

  /** One client per configured proxy and client id. */
  private proxyClient(options: EngineOptions): ProxyClient | null {
    const config = options.config();
    if (!config) return null;
    const key = `${config.proxy}|${config.clientId}`;
    if (this.client?.key !== key) this.client = { key, client: createProxyClient(config.proxy, config.clientId) };
    return this.client.client;
  }

  private checkoutInput(options: EngineOptions): CheckoutInput | null {
    const { selectedId, ...ask } = options.ask();
    const reward: Reward | null = this.loyalty.data?.rewards.find((r) => r.id === selectedId) ?? null;
    const client = this.proxyClient(options);
    const body = checkoutToAsk({ ...ask, reward });
    if (!client || !body) return null;
    return { client, credentials: options.credentials(), body, reward: body.reward ? reward : null };
  }
}
