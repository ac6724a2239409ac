import { describe, expect, it } from 'vitest';
import { createSigner } from './sign';

// Known-answer vectors of docs/spendgo-api.md §3.4.
const SECRET = 'mryE0wJypyvOrRpVTNmkwgVs37+IcNCCynyDgojTgew=';

describe('createSigner', () => {
  it.each([
    ['/loyalty/accounts', '{"customer":{"phone":"4155550100"}}', 'CGXFiRBR3ileJ/hKwQSPOYsi3aJEu007mQmY2IRXSjc='],
    ['/loyalty/accounts/1009029/balance', '', 'sKgaZ2T4ZQ4QYW/SBWjtQwPyx7vfI6dWlBaJ8McanUc='],
    ['/loyalty/accounts/1009029/rewards?store=999999', '', 'IIT0dIb3ZlszsY8RM+K8bxc7FN5OW6ZtWhbBAmyQP+0='],
    ['/loyalty/accounts/1009029/rewards', '', 'IxvghmMF81UPUpQTGpSBpLDV8Uhq+v8IgGhPMoALkFE='],
    [
      '/loyalty/accounts/guest/orders',
      '{"status":"checkout","vendor":"999999","brand":"33559","source":"web","subtotal":10,"total":10,"basket":{"posEntries":[{"posItem":{"label":"Turkey Sandwich","cost":5},"quantity":2}]}}',
      'C4W4TrtGSftiWgqlrbB6cqKb/FvkQ/xq0bLyIC69OM8=',
    ],
  ])('signs %s', async (uri, body, expected) => {
    const sign = await createSigner(SECRET);
    expect(await sign(uri, body)).toBe(expected);
  });
});
