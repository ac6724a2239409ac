// The signed-in member's balance and the rewards redeemable at the configured store. Keeps the
// last good answer so a shopper who goes offline still sees it, with its age.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Balance, Reward } from '../../../shared/wire';
import { WidgetError, type Credentials, type ProxyClient } from '../api/proxy-client';

export interface LoyaltyData {
  balance: Balance;
  rewards: Reward[];
  /** When this data was fetched (ms since the epoch). */
  fetchedAt: number;
}

export type LoyaltyStatus = 'idle' | 'loading' | 'ready' | 'error' | 'offline';

export interface LoyaltyCallbacks {
  onLoaded(): void;
  onError(error: WidgetError): void;
}

export class LoyaltyController implements ReactiveController {
  status: LoyaltyStatus = 'idle';
  data: LoyaltyData | null = null;
  error: WidgetError | null = null;
  private aborter: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: LoyaltyCallbacks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.aborter?.abort();
  }

  clear(): void {
    this.aborter?.abort();
    this.status = 'idle';
    this.data = null;
    this.error = null;
    this.host.requestUpdate();
  }

  async load(client: ProxyClient, credentials: Credentials, store: string): Promise<void> {
    this.aborter?.abort();
    const aborter = new AbortController();
    this.aborter = aborter;
    this.status = 'loading';
    this.error = null;
    this.host.requestUpdate();
    try {
      const [balance, rewards] = await Promise.all([
        client.balance(credentials, aborter.signal),
        client.rewards(credentials, store, aborter.signal),
      ]);
      this.data = { balance, rewards: rewards.rewards, fetchedAt: Date.now() };
      this.status = 'ready';
      this.callbacks.onLoaded();
    } catch (error) {
      if (aborter.signal.aborted) return;
      const failure =
        error instanceof WidgetError ? error : new WidgetError('internal_error', 'Something went wrong.', true);
      this.error = failure;
      this.status = failure.code === 'network_error' && this.data ? 'offline' : 'error';
      this.callbacks.onError(failure);
    } finally {
      this.host.requestUpdate();
    }
  }
}
