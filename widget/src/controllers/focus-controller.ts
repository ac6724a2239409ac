// Where keyboard focus goes after the next render: the chosen reward (or the sign-out button)
// once a sign-in completes, the retry button after an error, the sign-in button after the
// member signed out here (the button they pressed is gone).

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type FocusTarget = 'content' | 'retry' | 'sign-in';

export class FocusController implements ReactiveController {
  private pending: FocusTarget | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly showingError: () => boolean,
  ) {
    host.addController(this);
  }

  request(target: FocusTarget): void {
    this.pending = target;
  }

  hostUpdated(): void {
    const root = this.host.shadowRoot;
    if (!this.pending || !root) return;
    const target =
      this.pending === 'content'
        ? (root.querySelector<HTMLElement>('input[type=radio]:checked') ??
          root.querySelector<HTMLElement>('[part~="sign-out-button"]'))
        : root.querySelector<HTMLElement>(`[part~="${this.pending}-button"]`);
    if (target) {
      target.focus();
      this.pending = null;
    } else if (this.pending === 'retry' && !this.showingError()) {
      this.pending = null;
    }
  }
}
