// The merchant lifecycle API under /v1/orders: every request, whatever its path, must be signed
// by a merchant backend (merchantAuth), which establishes the calling client for the routes.

import type { MerchantEnv } from '../context';
import { merchantAuth } from '../middleware/merchant-auth';
import { routes } from '../openapi';
import { orders } from '../routes/orders';

export function merchantApi() {
  const app = routes<MerchantEnv>();
  app.use('*', merchantAuth());
  app.route('/', orders);
  return app;
}
