// A sign-in's other endpoints: /oauth/revoke (sign-out, RFC 7009) and /oauth/userinfo.

import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { originAllowed } from '../clients';
import { noteClient } from '../context';
import { familyStore } from '../durable-objects';
import { nowSeconds } from '../lib/clock';
import { memberAuth } from '../middleware/member-auth';
import { readForm } from '../oidc/form';
import { keysFor } from '../oidc/keys';
import { oauthError } from '../oidc/responses';
import { pairwiseSubject, readAccessToken, refreshSecretHash, splitRefreshToken } from '../oidc/tokens';
import { formContent, memberSecurity, oauthAnswers, routes } from '../openapi';

export const session = routes();

const revokeForm = z.object({ token: z.string().max(4000), client_id: z.string().max(100) });

const revokeRoute = createRoute({
  method: 'post',
  path: '/revoke',
  summary: 'Sign out: revoke a refresh or access token (RFC 7009)',
  request: { body: { required: true, content: formContent(revokeForm) } },
  responses: oauthAnswers(
    { 200: { description: 'Always, once the request is well formed' } },
    { 400: 'invalid_request', 401: 'invalid_client', 429: 'rate_limited' },
  ),
});

session.openapi(revokeRoute, async (c) => {
  const form = await readForm(c);
  const parsed = revokeForm.safeParse(form ?? {});
  if (!parsed.success) return oauthError(c, 400, 'invalid_request', 'token and client_id are required (form-encoded).');
  const client = c.var.config.clients.get(parsed.data.client_id);
  if (!client) return oauthError(c, 401, 'invalid_client', 'Unknown client_id.');
  if (!originAllowed(client, c.req.header('Origin')))
    return oauthError(c, 401, 'invalid_client', 'This origin is not registered for the client.');
  noteClient(c, client);
  const keys = await keysFor(c.var.config);
  const refresh = splitRefreshToken(parsed.data.token);
  if (refresh) {
    const store = familyStore(c.env.SIGN_INS, refresh.familyId);
    if (await store.knows(await refreshSecretHash(keys, refresh.familyId, refresh.secret))) await store.revoke();
  } else {
    const access = await readAccessToken(keys, c.var.config.publicUrl, parsed.data.token, nowSeconds());
    if (access?.clientId === client.client_id) await familyStore(c.env.SIGN_INS, access.familyId).revoke();
  }
  // RFC 7009 §2.2: the answer is the same whether or not the token was valid.
  c.header('Cache-Control', 'no-store');
  return c.body(null, 200);
});

const userinfoRoute = createRoute({
  method: 'get',
  path: '/userinfo',
  summary: 'The signed-in member’s pairwise subject and given name',
  security: memberSecurity,
  middleware: [memberAuth()] as const,
  responses: oauthAnswers(
    {
      200: {
        description: 'The member',
        content: { 'application/json': { schema: z.object({ sub: z.string(), given_name: z.string() }) } },
      },
    },
    {
      401: 'invalid_token, invalid_dpop_proof, or use_dpop_nonce (send again with the DPoP-Nonce given)',
      403: 'origin_not_allowed',
      429: 'rate_limited',
    },
  ),
});

session.openapi(userinfoRoute, async (c) => {
  const member = c.var.member;
  const keys = await keysFor(c.var.config);
  c.header('Cache-Control', 'no-store');
  return c.json(
    { sub: await pairwiseSubject(keys, member.clientId, member.memberId), given_name: member.givenName },
    200,
  );
});
