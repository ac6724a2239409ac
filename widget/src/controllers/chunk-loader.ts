// A part of the element that comes in a chunk of its own (the signed-in body, the join form):
// loaded the first time it is needed, its styles adopted next to the element's own and those of
// every chunk loaded before it, then the element renders again. A chunk that could not load
// (offline) is asked for again next time.

import { adoptStyles, type CSSResultOrNative, type LitElement } from 'lit';

/** The styles of every chunk loaded so far (the same for every element): each element adopts
 * them all, so one more chunk keeps the others'. */
const loaded = new Set<CSSResultOrNative>();

export class ChunkLoader<M extends { styles: CSSResultOrNative }> {
  /** The chunk, once it is here. */
  view: M | null = null;
  private loading = false;

  constructor(
    private readonly host: LitElement,
    private readonly chunk: () => Promise<M>,
  ) {}

  load(): void {
    if (this.view || this.loading) return;
    this.loading = true;
    this.chunk().then(
      (view) => {
        this.view = view;
        loaded.add(view.styles);
        const own = (this.host.constructor as typeof LitElement).elementStyles;
        adoptStyles(this.host.renderRoot as ShadowRoot, [...own, ...loaded]);
        this.host.requestUpdate();
      },
      () => {
        this.loading = false;
      },
    );
  }
}
