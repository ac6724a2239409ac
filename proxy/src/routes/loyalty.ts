// Member reads: GET /v1/balance and GET /v1/rewards?store= (points rewards completed with their
// costs from the balance, and copies held for the member's placed orders marked as held). The member comes only from the verified token; the store must be
// enabled for the token's client.

import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { balanceSchema, rewardsSchema, storeCodeSchema, type Rewards } from '../../../shared/wire';
import { storeAllowed } from '../clients';
import { spendgoForRequest } from '../context';
import { fail } from '../http-errors';
import { memberAuth } from '../middleware/member-auth';
import { answers, invalidInput, jsonContent, memberSecurity, routes } from '../openapi';
import { spendgoFailure } from '../refusal-responses';
import { needsPointsTerms, withPointsTerms } from '../spendgo/points-terms';
import { rewardHolds } from '../durable-objects';
import { withHolds } from '../order-ledger/hold';

export const loyalty = routes();

const memberRefusals = [
  'invalid_token',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'origin_not_allowed',
  'rate_limited',
  'member_not_found',
  'upstream_unavailable',
] as const;

const balanceRoute = createRoute({
  method: 'get',
  path: '/balance',
  summary: 'The member’s points or visits balance and available rewards',
  security: memberSecurity,
  middleware: [memberAuth()] as const,
  responses: answers({ 200: { description: 'Balance', content: jsonContent(balanceSchema) } }, ...memberRefusals),
});

loyalty.openapi(balanceRoute, async (c) => {
  const result = await spendgoForRequest(c, c.var.client).balance(c.var.member.memberId);
  if (!result.ok) return spendgoFailure(c, result.error);
  c.header('Cache-Control', 'no-store');
  return c.json(result.value, 200);
});

const rewardsRoute = createRoute({
  method: 'get',
  path: '/rewards',
  summary: 'Rewards the member can redeem at a store enabled for the client',
  security: memberSecurity,
  middleware: [memberAuth()] as const,
  request: { query: z.object({ store: storeCodeSchema.meta({ description: 'Store code' }) }) },
  responses: answers(
    { 200: { description: 'Rewards', content: jsonContent(rewardsSchema) } },
    'invalid_request',
    'store_not_allowed',
    ...memberRefusals,
  ),
});

loyalty.openapi(
  rewardsRoute,
  async (c) => {
    const { store } = c.req.valid('query');
    if (!storeAllowed(c.var.client, store)) return fail(c, 'store_not_allowed');
    const spendgo = spendgoForRequest(c, c.var.client);
    const memberId = c.var.member.memberId;
    // The member's holds are read alongside Spendgo's listing, not after it.
    const [result, holds] = await Promise.all([
      spendgo.rewards(memberId, store),
      rewardHolds(c.env.REWARD_HOLDS, c.var.client.account, memberId).live(),
    ]);
    if (!result.ok) return spendgoFailure(c, result.error);
    let rewards = withHolds(result.value, holds);
    // Points rewards' costs are only in the balance: one more read, for those programs only.
    if (needsPointsTerms(rewards)) {
      const balance = await spendgo.balance(memberId);
      if (!balance.ok) return spendgoFailure(c, balance.error);
      rewards = withPointsTerms(rewards, balance.value.rewards);
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ store, rewards } satisfies Rewards, 200);
  },
  invalidInput('The store query parameter must be a store code.'),
);
