// The signed-in body's chunk (its templates, styles and the form's validity messages): loaded
// the first time a member is signed in, its styles adopted next to the element's own, then the
// element renders again. A chunk that could not load (offline) is asked for again next time.

import { adoptStyles, type LitElement } from 'lit';
import type * as MemberView from '../templates/member-view';

export class MemberViewLoader {
  /** The chunk, once it is here. */
  view: typeof MemberView | null = null;
  private loading = false;

  constructor(private readonly host: LitElement) {}

  load(): void {
    if (this.view || this.loading) return;
    this.loading = true;
    import('../templates/member-view').then(
      (view) => {
        this.view = view;
        const own = (this.host.constructor as typeof LitElement).elementStyles;
        adoptStyles(this.host.renderRoot as ShadowRoot, [...own, view.memberStyles]);
        this.host.requestUpdate();
      },
      () => {
        this.loading = false;
      },
    );
  }
}
