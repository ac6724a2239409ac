// The Spendgo sandbox Worker: composes config, the state object, Spendgo's API, its OAuth
// pages and the admin surface. Every reply uses Spendgo's error shape; nothing leaks a stack.

import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';
import { readConfig } from './config';
import { send, type SandboxEnv } from './http/context';
import { injectFaults, logRequests } from './http/middleware';
import { page, pageSecurityHeaders, STYLESHEET, STYLESHEET_PATH } from './pages/layout';
import { admin } from './routes/admin';
import { loyalty } from './routes/loyalty';
import { mobile } from './routes/mobile';
import { oauth } from './routes/oauth';
import { spendgoError } from './state/reply';

export { SandboxState } from './state/sandbox-state';

const app = new Hono<SandboxEnv>();

const configure = createMiddleware<SandboxEnv>(async (c, next) => {
  const result = readConfig(c.env as unknown as Record<string, unknown>);
  if (!result.ok) {
    return send(c, spendgoError(500, 2000, `Sandbox setting ${result.setting} is missing or malformed`));
  }
  c.set('config', result.config);
  c.set('state', c.env.SANDBOX_STATE.get(c.env.SANDBOX_STATE.idFromName('spendgo')));
  return next();
});

app.use('*', configure);

app.get('/', (c) =>
  c.html(
    page(
      'Home',
      html`<h1>Spendgo sandbox</h1>
        <p>
          A local Spendgo: the signed loyalty API under <code>/loyalty</code>, OAuth under <code>/oauth2</code>, and the
          admin surface under <code>/__sandbox</code>.
        </p>`,
    ),
    200,
    pageSecurityHeaders(),
  ),
);

app.get(STYLESHEET_PATH, (c) =>
  c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' }),
);

app.use('/loyalty/*', logRequests, injectFaults);
app.route('/loyalty', loyalty);
app.use('/mobile/*', logRequests, injectFaults);
app.route('/mobile', mobile);
app.route('/', oauth);
app.route('/__sandbox', admin);

app.notFound((c) => send(c, spendgoError(404, 2000, 'Not found')));
app.onError((err, c) => {
  console.error(`spendgo-sandbox: unhandled error on ${c.req.method} ${new URL(c.req.url).pathname}: ${err.name}`);
  return send(c, spendgoError(500, 2000, 'Internal error'));
});

export default app;
