// Validates the host's cart and the chosen reward with the proxy, as a Lit task whose argument
// is what Spendgo would see (who asks and the request): a change aborts the request in flight
// and a stale answer never lands. The first ask goes at once, a burst of changes is debounced.
// Every change of what the host cart may apply is reported through `onChange`, starting the
// moment a validation is asked for (`validating`: apply nothing yet). Each distinct validation
// gets a fresh random Idempotency-Key, kept while the same cart is asked again (so a retry is
// answered from the proxy's record); a new order, a reload or another shopper with an
// identical cart gets a checkout of its own.

import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { CheckoutRequest, CheckoutResponse, Reward } from '../../../shared/wire-types';
import { asWidgetError, type Credentials, type ProxyClient, type WidgetError } from '../api/proxy-client';
import type { CheckoutStatus } from '../state';

export interface CheckoutInput {
  client: ProxyClient;
  credentials: Credentials | null;
  body: CheckoutRequest;
  reward: Reward | null;
}

export interface CheckoutOptions {
  /** What to validate now, read before each host update; null when there is nothing to validate. */
  input(): CheckoutInput | null;
  /** The status changed; `result` is the validated answer (valid, not-applied), else null. */
  onChange(status: CheckoutStatus, result: CheckoutResponse | null, reward: Reward | null): void;
  onError(error: WidgetError): void;
}

/** Changes closer together than this are a burst: only the last of them is validated. */
export const DEBOUNCE_MS = 300;

/** The task's arguments: what is asked (compared) and the input that asks it. */
type Asked = readonly [asked: string, input: CheckoutInput | null];

const settled = (answer: CheckoutResponse, reward: Reward | null): CheckoutStatus =>
  answer.reward_applied || !reward ? 'valid' : 'not-applied';

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

export class CheckoutController {
  private readonly task: Task<Asked, CheckoutResponse>;
  private input: CheckoutInput | null = null;
  /** Bumped by `invalidate`: the same cart is then asked again, as a new checkout. */
  private revision = 0;
  /** The Idempotency-Key for the validation of `keyAsked`; a new one for anything else. */
  private key = '';
  private keyAsked = '';
  /** The last answer and the key it answered, to answer a quick return to it from memory. */
  private answer: { key: string; response: CheckoutResponse } | null = null;
  private lastAskedAt = -Infinity;
  private reported: CheckoutStatus = 'idle';

  constructor(
    host: ReactiveControllerHost,
    private readonly options: CheckoutOptions,
  ) {
    this.task = new Task(host, {
      args: () => {
        const input = options.input();
        const asked = input ? JSON.stringify([this.revision, input.credentials ? 'member' : 'guest', input.body]) : '';
        return [asked, input] as const;
      },
      argsEqual: ([a], [b]) => a === b,
      task: ([asked, input], { signal }) => this.validate(asked, input, signal),
      onComplete: (response) => {
        const reward = this.input?.reward ?? null;
        this.report(settled(response, reward), response, reward);
      },
      onError: (error) => {
        this.answer = null;
        this.report('error', null, this.input?.reward ?? null);
        options.onError(asWidgetError(error));
      },
    });
  }

  get status(): CheckoutStatus {
    const { status, value } = this.task;
    if (!this.input) return 'idle';
    if (status === TaskStatus.PENDING) return 'validating';
    if (status === TaskStatus.ERROR) return 'error';
    return status === TaskStatus.COMPLETE && value ? settled(value, this.input.reward) : 'idle';
  }

  /** The validated answer, only while it stands (never while validating or after an error). */
  get result(): CheckoutResponse | null {
    return this.status === 'valid' || this.status === 'not-applied' ? (this.task.value ?? null) : null;
  }

  /** The next update validates again, as a new checkout, even when nothing changed (after an order, say). */
  invalidate(): void {
    this.revision++;
  }

  /** Tells the host; a burst of asks is one `validating`, and `idle` is told once. */
  private report(status: CheckoutStatus, result: CheckoutResponse | null, reward: Reward | null): void {
    const repeated = status === this.reported && (status === 'validating' || status === 'idle');
    this.reported = status;
    if (!repeated) this.options.onChange(status, result, reward);
  }

  private async validate(asked: string, input: CheckoutInput | null, signal: AbortSignal) {
    this.input = input;
    if (!input) {
      // Nothing to validate: whatever is asked next is a checkout of its own.
      this.keyAsked = '';
      this.answer = null;
      this.report('idle', null, null);
      return initialState;
    }
    this.report('validating', null, input.reward);
    const now = performance.now();
    const inBurst = now - this.lastAskedAt < DEBOUNCE_MS;
    this.lastAskedAt = now;
    if (inBurst) await pause(DEBOUNCE_MS, signal);
    if (asked !== this.keyAsked) {
      this.keyAsked = asked;
      this.key = crypto.randomUUID();
    }
    const key = this.key;
    if (this.answer?.key === key) return this.answer.response;
    const response = await input.client.checkout(input.credentials, input.body, key, signal);
    this.answer = { key, response };
    return response;
  }
}
