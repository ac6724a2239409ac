// The engine's chunk (the proxy client, the loyalty and checkout tasks) and the validation status
// line: loaded when the element first has something to ask the proxy, then the engine is made
// with the element's options and the element renders again. Until then, and when the chunk could
// not load (offline), it answers as an engine that has nothing yet; `retry()` lets the next
// `load()` ask again.

import type { ReactiveControllerHost } from 'lit';
import type { CheckoutResponse } from '../../../shared/wire-types';
import type { CheckoutStatus, LoyaltyData, LoyaltyStatus } from '../state';
import type { CheckoutStatusLine } from '../templates/checkout-status';
import type { EngineController, EngineOptions } from './engine-controller';

export interface EngineLoaderOptions extends EngineOptions {
  /** The chunk could not load: the network is down. */
  onLoadFailed: () => void;
}

/** The two chunks: the engine and the status line. */
export type EngineChunks = () => Promise<
  [{ EngineController: typeof EngineController }, { checkoutStatus: CheckoutStatusLine }]
>;

const engineChunks: EngineChunks = () => Promise.all([import('../engine'), import('../templates/checkout-status')]);

export class EngineLoader {
  /** The validation status line (guests and members), once its chunk is here. */
  statusLine: CheckoutStatusLine | null = null;
  private engine: EngineController | null = null;
  private loading = false;
  private failed = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: EngineLoaderOptions,
    private readonly chunks: EngineChunks = engineChunks,
  ) {}

  /** Loads the chunks once; a no-op while loading, once loaded, and after a failure until `retry()`. */
  load(): void {
    if (this.engine || this.loading || this.failed) return;
    this.loading = true;
    this.chunks().then(
      ([{ EngineController }, { checkoutStatus }]) => {
        this.statusLine = checkoutStatus;
        this.engine = new EngineController(this.host, this.options);
        this.host.requestUpdate();
      },
      () => {
        this.loading = false;
        this.failed = true;
        this.options.onLoadFailed();
      },
    );
  }

  /** Lets the next `load()` ask for the chunk again, and asks the proxy again once it is here. */
  retry(): void {
    this.failed = false;
    this.engine?.refresh();
  }

  get loyaltyStatus(): LoyaltyStatus {
    return this.engine?.loyaltyStatus ?? (this.failed ? 'error' : 'idle');
  }

  get checkoutStatus(): CheckoutStatus {
    return this.engine?.checkoutStatus ?? 'idle';
  }

  get data(): LoyaltyData | null {
    return this.engine?.data ?? null;
  }

  /** The standing validation (valid or not applied), else null. */
  get result(): CheckoutResponse | null {
    return this.engine?.result ?? null;
  }
}
