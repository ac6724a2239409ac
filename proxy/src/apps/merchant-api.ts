// The merchant API, /v1/orders and /v1/webhooks: every request, whatever its path, must be
// signed by a merchant backend (merchantAuth), which establishes the calling client for the routes.

import type { MerchantEnv } from '../context';
import { merchantAuth } from '../middleware/merchant-auth';
import { routes } from '../openapi';

export function merchantApi(group: ReturnType<typeof routes<MerchantEnv>>) {
  const app = routes<MerchantEnv>();
  app.use('*', merchantAuth());
  app.route('/', group);
  return app;
}
