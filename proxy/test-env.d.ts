// Bindings only the test configuration (proxy/vitest.config.ts) provides.
declare namespace Cloudflare {
  interface Env {
    /** JSON object of every secret value configured for the test run (for the canary test). */
    TEST_SECRETS: string;
    /** The demo merchant backend, which receives and verifies the proxy's webhooks. */
    MERCHANT_BACKEND: Fetcher;
  }
}
