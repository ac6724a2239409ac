// Validates the host's cart and the chosen reward with the proxy: the first ask at once, a burst
// of changes debounced, one request in flight, stale answers dropped. It reports every change of
// what the host cart may apply through `onChange`, starting the moment a validation is asked
// for (`validating`: apply nothing yet). Each distinct validation gets a fresh random
// Idempotency-Key, kept while the same cart is asked again (so a retry is answered from the
// proxy's record); a new order, a reload or another shopper with an identical cart gets a
// checkout of its own.

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

export interface CheckoutCallbacks {
  /** The status changed; `result` is the validated answer (valid, not-applied), else null. */
  onChange(status: CheckoutStatus, result: CheckoutResponse | null, reward: Reward | null): void;
  onError(error: WidgetError): void;
}

/** Changes closer together than this are a burst: only the last of them is validated. */
export const DEBOUNCE_MS = 300;

/** What Spendgo would see: who asks (member or guest) and the request. */
const identity = (input: CheckoutInput): string => JSON.stringify([input.credentials ? 'member' : 'guest', input.body]);

export class CheckoutController implements ReactiveController {
  status: CheckoutStatus = 'idle';
  private answer: CheckoutResponse | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private aborter: AbortController | null = null;
  /** The Idempotency-Key for the validation of `keyIdentity`; a new one for anything else. */
  private key = '';
  private keyIdentity = '';
  private lastKey = '';
  private lastAsked = '';
  private lastAskedAt = -Infinity;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: CheckoutCallbacks,
  ) {
    host.addController(this);
  }

  /** The validated answer, only while it stands (never while validating or after an error). */
  get result(): CheckoutResponse | null {
    return this.status === 'valid' || this.status === 'not-applied' ? this.answer : null;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.aborter?.abort();
  }

  private set(status: CheckoutStatus, reward: Reward | null): void {
    this.status = status;
    this.host.requestUpdate();
    this.callbacks.onChange(status, this.result, reward);
  }

  /** Validates `input` when it differs from the last one asked for; `null` (nothing to validate) resets. */
  sync(input: CheckoutInput | null): void {
    if (!input) {
      this.lastAsked = '';
      if (this.status === 'idle') return;
      this.cancel();
      this.keyIdentity = '';
      this.lastKey = '';
      this.answer = null;
      this.set('idle', null);
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

  private request(input: CheckoutInput): void {
    clearTimeout(this.timer);
    this.aborter?.abort();
    const now = performance.now();
    const inBurst = now - this.lastAskedAt < DEBOUNCE_MS;
    this.lastAskedAt = now;
    if (this.status !== 'validating') this.set('validating', input.reward);
    // Not from inside the host's update: the answer may come from memory.
    this.timer = setTimeout(() => void this.run(input), inBurst ? DEBOUNCE_MS : 0);
  }

  /** Answered from the last result when it equals the last one validated. */
  private async run(input: CheckoutInput): Promise<void> {
    const key = this.keyFor(input);
    const settled = (answer: CheckoutResponse) => {
      this.set(answer.reward_applied || !input.reward ? 'valid' : 'not-applied', input.reward);
    };
    if (key === this.lastKey && this.answer) {
      settled(this.answer);
      return;
    }
    const aborter = new AbortController();
    this.aborter = aborter;
    try {
      const answer = await input.client.checkout(input.credentials, input.body, key, aborter.signal);
      this.lastKey = key;
      this.answer = answer;
      settled(answer);
    } catch (error) {
      if (aborter.signal.aborted) return;
      this.answer = null;
      this.set('error', input.reward);
      this.callbacks.onError(
        error instanceof WidgetError ? error : new WidgetError('internal_error', 'Something went wrong.', true),
      );
    }
  }
}
