// The storefront-facing loyalty API under /v1: a member's balance and rewards and the checkout
// validation, each called by the widget from the storefront's page, so each answers CORS for
// the registered storefronts (preflight included). Who may call each route is in its
// declaration: a member (memberAuth), a member or a guest (checkout), or a shopper joining (join).

import { clientCors } from '../middleware/cors';
import { routes } from '../openapi';
import { checkout } from '../routes/checkout';
import { join } from '../routes/join';
import { loyalty } from '../routes/loyalty';

export function widgetApi() {
  const app = routes();
  // Per path, not '/*': the merchant API shares the /v1 prefix and is never called by a browser.
  for (const path of ['/balance', '/rewards', '/checkout', '/join']) app.use(path, clientCors());
  app.route('/', loyalty);
  app.route('/', checkout);
  app.route('/', join);
  return app;
}
