// Validates the host's cart and the chosen reward with the proxy (debounced, one request in
// flight, stale answers dropped). Each distinct validation gets a fresh random Idempotency-Key,
// kept while the same cart is asked again (so a retry is answered from the proxy's record); a
// new order, a reload or another shopper with an identical cart gets a checkout of its own.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutRequest, CheckoutResponse, Reward } from '../../../shared/wire';
import { WidgetError, type Credentials, type ProxyClient } from '../api/proxy-client';

export type CheckoutStatus = 'idle' | 'validating' | 'valid' | 'not-applied' | 'error';

export interface CheckoutInput {
  client: ProxyClient;
  credentials: Credentials | null;
  body: CheckoutRequest;
  reward: Reward | null;
}

export interface CheckoutHost extends ReactiveControllerHost {
  onCheckout(result: CheckoutResponse | null, reward: Reward | null): void;
  onCheckoutError(error: WidgetError): void;
}

export const DEBOUNCE_MS = 300;

/** What Spendgo would see: who asks (member or guest) and the request. */
const identity = (input: CheckoutInput): string => JSON.stringify([input.credentials ? 'member' : 'guest', input.body]);

export class CheckoutController implements ReactiveController {
  status: CheckoutStatus = 'idle';
  result: CheckoutResponse | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private aborter: AbortController | null = null;
  /** The Idempotency-Key for the validation of `keyIdentity`; a new one for anything else. */
  private key = '';
  private keyIdentity = '';
  private lastKey = '';
  private lastAsked = '';

  constructor(private readonly host: CheckoutHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.aborter?.abort();
  }

  reset(): void {
    this.cancel();
    this.keyIdentity = '';
    this.lastKey = '';
    this.lastAsked = '';
    this.status = 'idle';
    this.result = null;
    this.host.requestUpdate();
  }

  /** Validates `input` when it differs from the last one asked for; `null` (nothing to validate) resets. */
  sync(input: CheckoutInput | null): void {
    if (!input) {
      if (this.status !== 'idle') this.reset();
      this.lastAsked = '';
      return;
    }
    const asked = identity(input);
    if (asked === this.lastAsked) return;
    this.lastAsked = asked;
    this.request(input);
  }

  /** The next `sync` validates again, as a new checkout, even when nothing changed (after an order, say). */
  invalidate(): void {
    this.lastAsked = '';
    this.keyIdentity = '';
  }

  private keyFor(input: CheckoutInput): string {
    const asked = identity(input);
    if (asked !== this.keyIdentity) {
      this.keyIdentity = asked;
      this.key = crypto.randomUUID();
    }
    return this.key;
  }

  /** Schedules a validation of `input`; answered from the last result when it equals the last one validated. */
  private request(input: CheckoutInput): void {
    clearTimeout(this.timer);
    this.status = 'validating';
    this.host.requestUpdate();
    this.timer = setTimeout(() => void this.run(input), DEBOUNCE_MS);
  }

  private async run(input: CheckoutInput): Promise<void> {
    const key = this.keyFor(input);
    if (key === this.lastKey && this.result) {
      this.status = this.result.reward_applied || !input.reward ? 'valid' : 'not-applied';
      this.host.requestUpdate();
      return;
    }
    this.aborter?.abort();
    const aborter = new AbortController();
    this.aborter = aborter;
    try {
      const result = await input.client.checkout(input.credentials, input.body, key, aborter.signal);
      this.lastKey = key;
      this.result = result;
      this.status = result.reward_applied || !input.reward ? 'valid' : 'not-applied';
      this.host.onCheckout(result, input.reward);
    } catch (error) {
      if (aborter.signal.aborted) return;
      this.status = 'error';
      this.result = null;
      this.host.onCheckoutError(
        error instanceof WidgetError ? error : new WidgetError('internal_error', 'Something went wrong.', true),
      );
    } finally {
      this.host.requestUpdate();
    }
  }
}
