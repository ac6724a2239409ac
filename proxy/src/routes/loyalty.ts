// Member reads: GET /v1/balance and GET /v1/rewards?store= (points rewards completed with their
// costs from the balance). The member comes only from the verified token; the store must be
// enabled for the token's client.

import { Hono } from 'hono';
import { storeCodeSchema, type Balance, type Rewards } from '../../../shared/wire';
import { storeAllowed } from '../clients';
import { spendgoForRequest, type ProxyEnv } from '../context';
import { fail } from '../http-errors';
import { memberAuth } from '../middleware/member-auth';
import { spendgoFailure } from '../refusal-responses';
import { needsPointsTerms, withPointsTerms } from '../spendgo/points-terms';

export const loyalty = new Hono<ProxyEnv>();

loyalty.get('/balance', memberAuth, async (c) => {
  const result = await spendgoForRequest(c, c.var.client).balance(c.var.member.memberId);
  if (!result.ok) return spendgoFailure(c, result.error);
  c.header('Cache-Control', 'no-store');
  return c.json(result.value satisfies Balance);
});

loyalty.get('/rewards', memberAuth, async (c) => {
  const store = storeCodeSchema.safeParse(c.req.query('store'));
  if (!store.success) return fail(c, 'invalid_request', 'The store query parameter must be a store code.');
  if (!storeAllowed(c.var.client, store.data)) return fail(c, 'store_not_allowed');
  const spendgo = spendgoForRequest(c, c.var.client);
  const memberId = c.var.member.memberId;
  const result = await spendgo.rewards(memberId, store.data);
  if (!result.ok) return spendgoFailure(c, result.error);
  let rewards = result.value;
  // Points rewards' costs are only in the balance: one more read, for those programs only.
  if (needsPointsTerms(rewards)) {
    const balance = await spendgo.balance(memberId);
    if (!balance.ok) return spendgoFailure(c, balance.error);
    rewards = withPointsTerms(rewards, balance.value.rewards);
  }
  c.header('Cache-Control', 'no-store');
  return c.json({ store: store.data, rewards } satisfies Rewards);
});
