// Fired when something fails: the stable error code from the proxy (or `network_error`,
// `sign_in_failed`), a message fit for the shopper, and whether retrying may help.

export class SpendgoErrorEvent extends Event {
  static readonly eventName = 'spendgo-error';
  readonly code: string;
  readonly message: string;
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
