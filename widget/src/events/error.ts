// Fired when something fails: the stable error code from the proxy (or `network_error`,
// `sign_in_failed`), a message fit for the shopper, and whether retrying may help.

export class SpendgoErrorEvent extends Event {
  static readonly eventName = 'spendgo-error';
  /** A stable code (see Error codes). */
  readonly code: string;
  /** What the widget showed, in its language where it knows the code. */
  readonly message: string;
  /** True when trying again (Retry, or `refresh()`) may help. */
  readonly retryable: boolean;

  constructor(code: string, message: string, retryable: boolean) {
    super(SpendgoErrorEvent.eventName, { bubbles: true, composed: true });
    this.code = code;
    this.message = message;
    this.retryable = retryable;
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-error': SpendgoErrorEvent;
  }
}
