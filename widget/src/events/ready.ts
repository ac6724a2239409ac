// Fired once, when the widget has resolved its first state (signed out, guest, or loaded).

export class SpendgoReadyEvent extends Event {
  static readonly eventName = 'spendgo-ready';

  constructor() {
    super(SpendgoReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-ready': SpendgoReadyEvent;
  }
}
