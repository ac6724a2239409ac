// Loads the validated configuration into the context; a bad setting answers 500 naming it.

import { createMiddleware } from 'hono/factory';
import type { ProxyEnv } from '../context';
import { readConfig } from '../env';
import { fail } from '../http-errors';

export const configure = () =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    const result = readConfig(c.env);
    if (!result.ok)
      return fail(c, 'config_invalid', `The proxy setting ${result.error.setting} is missing or malformed.`);
    c.set('config', result.value);
    c.set('log', { clientId: null, member: false, upstreamAttempts: 0 });
    await next();
    return;
  });
