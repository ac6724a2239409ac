// Spendgo's mobile API, as far as the proxy uses it (API v2.1.1, "Mobile"): the member status
// lookup that a sign-up form calls before creating a member. Signed with the mobile API key on
// the account's web context. Thin: validate, call the state object, send its reply.

import { Hono } from 'hono';
import { lookupSchema } from '../core/wire';
import { parseJson, send, type SandboxEnv } from '../http/context';
import { verifyMobileSignature } from '../http/middleware';
import { mobileError } from '../state/reply';

export const mobile = new Hono<SandboxEnv>();

mobile.post('/gen/:context/v1/lookup', verifyMobileSignature, async (c) => {
  const parsed = parseJson(c.var.rawBody, lookupSchema);
  if (!parsed.ok) return send(c, parsed.reply);
  return send(c, await c.var.state.lookupMember(c.var.account.brand, parsed.data));
});

mobile.all('*', (c) => send(c, mobileError(404, 2000, 'Not found')));
