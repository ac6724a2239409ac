// Keeps the page still while a signed-in member's widget loads: the height the member's widget
// had when the page was last left (this tab's sessionStorage, per proxy, client and store) is
// held as the box's minimum until it settles again, so a reload does not push the page down
// when the rewards arrive. The height is read once, as the page goes (pagehide).

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface HeightState {
  /** Where this member's widget keeps its height; null when nobody is signed in. */
  key: string | null;
  /** Showing what it will show (the member's body, loaded), not a placeholder. */
  settled: boolean;
}

export class HeightController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly current: () => HeightState,
  ) {
    host.addController(this);
  }

  private base(): HTMLElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
  }

  // Storage may be refused (a sandboxed frame, a privacy mode): then nothing is held.
  private readonly remember = (): void => {
    const { key, settled } = this.current();
    const height = this.base()?.getBoundingClientRect().height;
    try {
      if (key && settled && height) sessionStorage.setItem(key, `${String(height)}px`);
    } catch {
      // nothing held
    }
  };

  hostConnected(): void {
    addEventListener('pagehide', this.remember);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.remember);
  }

  hostUpdated(): void {
    const base = this.base();
    const { key, settled } = this.current();
    try {
      if (base) base.style.minBlockSize = (key && !settled && sessionStorage.getItem(key)) || '';
    } catch {
      // nothing held
    }
  }
}
