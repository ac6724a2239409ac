// The proxy Worker: the middleware every request passes, the four parts by prefix (apps/: the
// sign-in broker, the storefront API, the merchant API, the operations console), the error
// mapping, the Durable Objects.
// Holds no business rule; see routes/, oidc/, spendgo/, checkout/ and order-ledger/.

import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { consoleApp } from './apps/console';
import { merchantApi } from './apps/merchant-api';
import { oauthApp } from './apps/oauth';
import { widgetApi } from './apps/widget-api';
import { fail } from './http-errors';
import { configure } from './middleware/configure';
import { errorCors, publicCors } from './middleware/cors';
import { requestLog } from './middleware/request-log';
import { discovery } from './routes/discovery';
import { orders } from './routes/orders';
import { webhooks } from './routes/webhooks';
import { widgetAlias } from './routes/widget-alias';
import { documentFrame, registerComponents, routes } from './openapi';

export { LoginCodeStore } from './oidc/login-codes';
export { SignInStore } from './oidc/sign-ins';
export { OneTimeIdStore } from './one-time-ids';
export { CheckoutRecord } from './checkout/checkout-record';
export { OrderLedger } from './order-ledger/order-ledger';
export { RecoveryBoard } from './order-ledger/recovery-board';
export { RewardHolds } from './order-ledger/reward-holds';
export { OrderIndex } from './order-ledger/order-index';

const MAX_BODY_BYTES = 32 * 1024;
const CONSOLE = '/console';

const app = routes();

app.use('*', requestId());
// No Cross-Origin-Opener-Policy: a sign-in popup passes through /oauth/authorize and
// /oauth/callback, and COOP there would cut the popup off from the storefront that opened it.
const apiHeaders = secureHeaders({
  // A nonce for the one inline stylesheet of the broker's error pages; nothing else may run.
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
  crossOriginResourcePolicy: 'cross-origin',
  crossOriginOpenerPolicy: false,
});
// The console's pages: their own stylesheet and forms, no script, never framed, nothing shared
// with other sites (the referrer stays within the console, so its forms carry their Origin).
const consoleHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  },
  crossOriginResourcePolicy: 'same-origin',
  referrerPolicy: 'same-origin',
});
const consolePaths = [CONSOLE, `${CONSOLE}/*`];
app.use('*', except(consolePaths, apiHeaders));
for (const path of consolePaths) app.use(path, consoleHeaders);
app.use('*', requestLog());
app.use('*', errorCors());
app.use('*', configure());
app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 'payload_too_large') }));

// Each part attaches its own middleware (limits, CORS, who may call) where it is defined.
app.route('/', discovery);
app.route('/', widgetAlias);
app.route('/oauth', oauthApp());
app.route('/v1', widgetApi());
app.route('/v1/orders', merchantApi(orders));
app.route('/v1/webhooks', merchantApi(webhooks));
// The operations console reads and acts through the merchant API above, by this Worker's own fetch.
app.route(
  CONSOLE,
  consoleApp(async (request, c) => app.fetch(request, c.env, c.executionCtx)),
);

// The OpenAPI 3.1 description, generated from the route declarations once per public URL (a
// public, unlimited route must not rebuild the whole document on every request).
registerComponents(app);
let described: { url: string; body: string } | undefined;
app.get('/openapi.json', publicCors(), (c) => {
  const url = c.var.config.publicUrl;
  if (described?.url !== url) described = { url, body: JSON.stringify(app.getOpenAPI31Document(documentFrame(url))) };
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(described.body, 200, { 'Content-Type': 'application/json' });
});

app.notFound((c) => fail(c, 'not_found'));
app.onError((error, c) => {
  // What the route declarations' validators throw before our hooks see the input.
  if (error instanceof HTTPException && error.status === 415) return fail(c, 'unsupported_media_type');
  if (error instanceof HTTPException && error.status === 400)
    return fail(c, 'invalid_request', 'The body is not valid JSON.');
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled', request_id: c.var.requestId, error: error.name }));
  return fail(c, 'internal_error');
});

export default app;
