// Who changed an order by hand. A call that names its operator (Spendgo-Operator, as the console
// and the merchant client's `operator` send) leaves an entry in the order's audit; a backend's
// own calls leave none; a malformed operator is refused and changes nothing.

import { beforeEach, describe, expect, it } from 'vitest';
import { createMerchantClient, MerchantInvalidRequestError } from '../../merchant/client';
import {
  cart,
  guestCheckoutAs,
  merchant,
  orderOf,
  PROXY,
  proxyFetch,
  resetSandbox,
  settle,
  MERCHANT_SECRET,
} from './helpers';

beforeEach(resetSandbox);

const operatorClient = (operator: string) =>
  createMerchantClient({
    proxyUrl: PROXY,
    clientId: 'shop-a',
    secret: MERCHANT_SECRET,
    fetch: proxyFetch,
    operator,
    retries: { attempts: 1 },
  });

describe('the order audit', () => {
  it('names the operator of a change made by hand, and nobody for the backend’s own calls', async () => {
    const { checkout_id } = await guestCheckoutAs(cart);
    await merchant.placed('AUD-1', orderOf(checkout_id));
    expect((await settle('AUD-1')).audit).toEqual([]);

    const voided = await operatorClient('ops@shop-a.test').voided('AUD-1', { reason: 'customer called' });
    expect(voided.order.audit).toEqual([
      { at: expect.any(String), operator: 'ops@shop-a.test', action: 'voided', seq: null },
    ]);
    const view = await settle('AUD-1');
    expect(view.status).toBe('voided');
    expect(view.audit.map((a) => [a.operator, a.action])).toEqual([['ops@shop-a.test', 'voided']]);
  });

  it('refuses a malformed operator with invalid_request and changes nothing', async () => {
    const { checkout_id } = await guestCheckoutAs(cart);
    await merchant.placed('AUD-2', orderOf(checkout_id));
    for (const operator of ['   ', 'x'.repeat(255)]) {
      const error = await operatorClient(operator)
        .voided('AUD-2')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MerchantInvalidRequestError);
      expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    }
    const view = await settle('AUD-2');
    expect(view.status).toBe('placed');
    expect(view.audit).toEqual([]);
    expect(view.events.map((e) => e.type)).toEqual(['placed']);
  });
});
