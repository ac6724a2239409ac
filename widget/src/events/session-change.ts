// Fired when the shopper signs in, signs out, or continues as a guest.

export type SessionState = 'signed-in' | 'signed-out' | 'guest';

export class SpendgoSessionChangeEvent extends Event {
  static readonly eventName = 'spendgo-session-change';
  /** `signed-in`, `signed-out`, or `guest` (signed out with `allow-guest`). */
  readonly state: SessionState;
  /** The member's given name when signed in. */
  readonly givenName: string | null;

  constructor(state: SessionState, givenName: string | null) {
    super(SpendgoSessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.state = state;
    this.givenName = givenName;
  }
}

declare global {
  interface HTMLElementEventMap {
    'spendgo-session-change': SpendgoSessionChangeEvent;
  }
}
