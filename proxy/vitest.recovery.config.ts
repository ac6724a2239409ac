// The proxy with production-like delivery backoff (a retry waits minutes, as after a long
// outage), for test/recovery/: after Spendgo recovers, waiting orders must be delivered long
// before their own backoff runs out.
import { project } from './vitest.config.ts';

export default project('proxy-recovery', ['test/recovery/**/*.test.ts'], [], true, {
  ORDER_RETRY_BASE_MS: '240000',
  ORDER_RETRY_MAX_MS: '240000',
});
