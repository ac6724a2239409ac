// Pay at the table seen from the proxy: a diner's part is the cart. An equal share (one line, no
// product) takes an amount-off reward but no item reward (docs/spendgo-api.md A24), and a reward
// validated against the whole check cannot be spent on one dish (the backend's placed names the
// part, which is not the cart that was validated).

import { beforeEach, describe, expect, it } from 'vitest';
import { MerchantApiError } from '../../merchant/client';
import { checkoutAs, merchant, orderOf, resetSandbox, signIn } from './helpers';

beforeEach(resetSandbox);

const dish = { label: 'Cookie', unit_cost: 2.5, quantity: 1, product_id: 'COOKIE' };
const share = { store: '999999', items: [dish], subtotal: 2.5 };
const wholeCheck = {
  store: '999999',
  items: [dish, { label: 'Garden Salad', unit_cost: 12.5, quantity: 1, product_id: 'SALAD' }],
  subtotal: 15,
};

describe("a diner's reward at the table", () => {
  it('on an equal share: $5 Off applies, the Free Cookie (an item reward) does not', async () => {
    const jordan = await signIn('1009029');
    const equalShare = {
      store: '999999',
      items: [{ label: 'Equal share of 4, table 12', unit_cost: 10, quantity: 1 }],
      subtotal: 10,
    };
    expect(await checkoutAs(jordan, { ...equalShare, reward: { id: '2234402' } })).toMatchObject({
      reward_applied: true,
      discount: 5,
    });
    expect(await checkoutAs(jordan, { ...equalShare, reward: { id: 'A18' } })).toMatchObject({
      reward_applied: false,
      discount: 0,
    });
  });

  it('validated against the whole check, cannot be spent on one dish', async () => {
    const jordan = await signIn('1009029');
    const checked = await checkoutAs(jordan, { ...wholeCheck, reward: { id: '2234402' } });
    expect(checked.discount).toBe(5);
    const placing = merchant.placed(
      `tbl-attack-${crypto.randomUUID().slice(0, 6)}`,
      orderOf(checked.checkout_id, share),
    );
    await expect(placing).rejects.toBeInstanceOf(MerchantApiError);
    await expect(placing).rejects.toMatchObject({ status: 409, code: 'recheckout_required' });
  });
});
