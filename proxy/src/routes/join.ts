// POST /v1/join: a shopper with no Spendgo account joins the programme from the widget, and is
// then signed in without typing anything again. Spendgo's mobile lookup comes first, by phone
// and by email: someone who already belongs to Spendgo (this brand or another) is sent to sign
// in, because creating would link them to this brand without their sign-in. Then
// `POST /loyalty/accounts` creates a starter member. Only a member this call created (201) gets
// a join ticket: one use, two minutes, for this client, spent on /oauth/authorize
// (docs/spendgo-api.md A23).

import { createRoute } from '@hono/zod-openapi';
import { normalisePhone } from '../../../shared/phone';
import { joinRequestSchema, joinResponseSchema } from '../../../shared/wire';
import { originAllowed, storeAllowed } from '../clients';
import { noteClient, spendgoForRequest } from '../context';
import { fail } from '../http-errors';
import { rateLimit } from '../middleware/rate-limit';
import { keysFor } from '../oidc/keys';
import { JOIN_TICKET_SECONDS, sealJoinTicket } from '../oidc/tokens';
import { spendgoFailure } from '../refusal-responses';
import { answers, jsonContent, routes } from '../openapi';
import { nowSeconds } from '../lib/clock';
import { sha256 } from '../lib/crypto';

export const join = routes();

const joinRoute = createRoute({
  method: 'post',
  path: '/join',
  summary: 'Join the programme (a new starter member) and get a join ticket to sign in with',
  middleware: [rateLimit('JOIN_RATE_LIMITER', 'join')] as const,
  request: { body: { required: true, content: jsonContent(joinRequestSchema) } },
  responses: answers(
    { 201: { description: 'Joined: a join ticket for /oauth/authorize', content: jsonContent(joinResponseSchema) } },
    'invalid_request',
    'invalid_phone',
    'invalid_email',
    'unknown_client',
    'origin_not_allowed',
    'join_not_enabled',
    'store_not_allowed',
    'member_exists',
    'unsupported_media_type',
    'rate_limited',
    'upstream_unavailable',
  ),
});

/** Spendgo's code for a phone number it cannot read (API v2.1.1 error table). */
const INVALID_PHONE_CODE = 2003;

join.openapi(joinRoute, async (c) => {
  const input = c.req.valid('json');
  const { config } = c.var;
  const client = config.clients.get(input.client_id);
  if (!client) return fail(c, 'unknown_client');
  if (!originAllowed(client, c.req.header('Origin'))) return fail(c, 'origin_not_allowed');
  noteClient(c, client);
  if (!client.join) return fail(c, 'join_not_enabled');
  if (!storeAllowed(client, input.store)) return fail(c, 'store_not_allowed');
  const phone = normalisePhone(input.phone);
  if (!phone) return fail(c, 'invalid_phone');
  // Per number too, whatever the address: one phone is one account, and asking about it again
  // and again is fishing for who is a member.
  const perPhone = await c.env.JOIN_RATE_LIMITER.limit({ key: `join-phone:${client.account}:${await sha256(phone)}` });
  if (!perPhone.success) return fail(c, 'rate_limited');

  const spendgo = spendgoForRequest(c, client);
  for (const by of [{ phone }, ...(input.email === undefined ? [] : [{ email: input.email }])]) {
    const found = await spendgo.lookupMember(by);
    if (!found.ok) return spendgoFailure(c, found.error);
    if (found.value.status === 'InvalidEmail') return fail(c, 'invalid_email');
    if (found.value.status !== 'NotFound') return fail(c, 'member_exists');
  }
  const created = await spendgo.createMember({
    phone,
    ...(input.email !== undefined && { email: input.email }),
    ...(input.first_name !== undefined && { name: { first: input.first_name } }),
    sms_opt_in: input.sms_opt_in,
    email_opt_in: input.email_opt_in,
  });
  if (!created.ok) {
    const { error } = created;
    if (error.kind !== 'rejected') return spendgoFailure(c, error);
    // A 4xx here is a phone Spendgo cannot read, or a phone and email of two members.
    return fail(c, error.code === INVALID_PHONE_CODE ? 'invalid_phone' : 'member_exists');
  }
  // Found, not created: someone joined with this number a moment ago. They sign in.
  if (!created.value.created) return fail(c, 'member_exists');
  const ticket = await sealJoinTicket(
    await keysFor(config),
    config.publicUrl,
    {
      client_id: client.client_id,
      account: client.account,
      member_id: created.value.id,
      given_name: input.first_name ?? '',
    },
    nowSeconds(),
  );
  c.header('Cache-Control', 'no-store');
  return c.json({ join_ticket: ticket, expires_in: JOIN_TICKET_SECONDS }, 201);
});
