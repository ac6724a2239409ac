// Bindings only the test configuration (proxy/vitest.config.ts) provides.
declare namespace Cloudflare {
  interface Env {
    /** JSON object of every secret value configured for the test run (for the canary test). */
    TEST_SECRETS: string;
    /** The console's Access settings in the test configuration (operators of shop-a, shop-b, bakery). */
    CONSOLE_ACCESS: string;
    /** The private JWK the test stand-in for Cloudflare Access signs operators' assertions with. */
    TEST_ACCESS_KEY: string;
    /** The demo merchant backend, which receives and verifies the proxy's webhooks. */
    MERCHANT_BACKEND: Fetcher;
  }
}
