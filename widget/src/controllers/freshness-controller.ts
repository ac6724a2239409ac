// Tells the element when what it shows may be out of date: the browser came back online, or
// the shopper came back to the page after it was hidden for a while (a refund or an order in
// another tab may have moved the balance meanwhile).

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Coming back after less than this is not worth a reload. */
export const HIDDEN_LONG_ENOUGH_MS = 30_000;

export class FreshnessController implements ReactiveController {
  private hiddenAt: number | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onStale: () => void,
  ) {
    host.addController(this);
  }

  private readonly online = () => {
    this.onStale();
  };

  private readonly visibility = () => {
    if (document.visibilityState === 'hidden') {
      this.hiddenAt = performance.now();
      return;
    }
    const away = this.hiddenAt === null ? 0 : performance.now() - this.hiddenAt;
    this.hiddenAt = null;
    if (away >= HIDDEN_LONG_ENOUGH_MS) this.onStale();
  };

  hostConnected(): void {
    window.addEventListener('online', this.online);
    document.addEventListener('visibilitychange', this.visibility);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.online);
    document.removeEventListener('visibilitychange', this.visibility);
  }
}
