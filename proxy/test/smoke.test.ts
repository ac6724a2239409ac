import { beforeEach, expect, it } from 'vitest';
import { memberFetch, resetSandbox, signIn } from './helpers';

beforeEach(resetSandbox);

it('signs in and reads the balance', async () => {
  const session = await signIn('1009029');
  const res = await memberFetch(session, 'GET', '/v1/balance');
  expect(await res.json()).toMatchObject({ program: 'points', balance: 40 });
});
