// Bindings the proxy uses when present but that wrangler.toml does not declare.
interface Env {
  /** When bound (tests, single-process setups), Spendgo calls go through this service instead of the network. */
  SPENDGO_SERVICE?: Fetcher;
  /** When bound (tests), webhooks go to this service instead of the network. */
  WEBHOOK_SERVICE?: Fetcher;
  /** When bound (tests), Cloudflare Access's keys are fetched from this service instead of the network. */
  ACCESS_SERVICE?: Fetcher;
}
declare namespace Cloudflare {
  interface Env {
    SPENDGO_SERVICE?: Fetcher;
    WEBHOOK_SERVICE?: Fetcher;
    ACCESS_SERVICE?: Fetcher;
  }
}
