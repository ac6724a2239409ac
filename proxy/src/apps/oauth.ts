// The sign-in broker under /oauth: its public key set, then every sign-in endpoint behind one
// per-IP rate limit, with CORS on the endpoints a storefront page calls with fetch (the
// authorize and callback pages are top-level navigations and get none).

import { clientCors } from '../middleware/cors';
import { rateLimit } from '../middleware/rate-limit';
import { routes } from '../openapi';
import { authorize } from '../routes/authorize';
import { publicKeys } from '../routes/discovery';
import { session } from '../routes/session';
import { token } from '../routes/token';

export function oauthApp() {
  const app = routes();
  // First, so it answers before the limit: every verifier of an ID token fetches the keys.
  app.route('/', publicKeys);
  app.use('*', rateLimit('OAUTH_RATE_LIMITER', 'oauth'));
  for (const path of ['/token', '/revoke', '/userinfo']) app.use(path, clientCors());
  app.route('/', authorize);
  app.route('/', token);
  app.route('/', session);
  return app;
}
