// How the widget names a failure: a stable code (the proxy's, or the widget's own for the
// network), a developer's message, and whether trying again may help. The shopper never sees the
// message; the element words each failure itself (messages.ts).

export class WidgetError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, retryable: boolean) {
    super(message);
    this.name = 'WidgetError';
    this.code = code;
    this.retryable = retryable;
  }
}

export const asWidgetError = (error: unknown): WidgetError =>
  error instanceof WidgetError ? error : new WidgetError('internal_error', 'Something went wrong.', true);

export const offline = () => new WidgetError('network_error', 'The loyalty service could not be reached.', true);
