// Loads the validated configuration into the context; a bad setting answers 500 naming it (never
// its value), and the log says the same under the request's id.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv } from '../context';
import { readConfig } from '../env';
import { fail } from '../http-errors';

export const configure = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    const result = readConfig(c.env);
    if (!result.ok) {
      const { setting, problem } = result.error;
      console.error(
        JSON.stringify({ level: 'error', msg: 'config_invalid', request_id: c.var.requestId, setting, problem }),
      );
      return fail(c, 'config_invalid', `The proxy setting ${setting} is missing or malformed.`);
    }
    c.set('config', result.value);
    await next();
    return;
  });
