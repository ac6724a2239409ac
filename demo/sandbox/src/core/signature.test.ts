import { describe, expect, it } from 'vitest';
import { checkSignature, type SignedRequest } from './signature';

const SECRET = 'mryE0wJypyvOrRpVTNmkwgVs37+IcNCCynyDgojTgew=';
const options = { secretFor: (key: string) => (key === 'k' ? SECRET : undefined), strictQuery: false };
const strict = { ...options, strictQuery: true };

// Known-answer vectors from docs/spendgo-api.md §3.4 (made-up secret, checked with three HMAC libraries).
const vectors: { path: string; search: string; body: string; signature: string }[] = [
  {
    path: '/loyalty/accounts',
    search: '',
    body: '{"customer":{"phone":"4155550100"}}',
    signature: 'CGXFiRBR3ileJ/hKwQSPOYsi3aJEu007mQmY2IRXSjc=',
  },
  {
    path: '/loyalty/accounts/1009029/balance',
    search: '',
    body: '',
    signature: 'sKgaZ2T4ZQ4QYW/SBWjtQwPyx7vfI6dWlBaJ8McanUc=',
  },
  {
    path: '/loyalty/accounts/1009029/rewards',
    search: '?store=999999',
    body: '',
    signature: 'IIT0dIb3ZlszsY8RM+K8bxc7FN5OW6ZtWhbBAmyQP+0=',
  },
  {
    path: '/loyalty/accounts/guest/orders',
    search: '',
    body: '{"status":"checkout","vendor":"999999","brand":"33559","source":"web","subtotal":10,"total":10,"basket":{"posEntries":[{"posItem":{"label":"Turkey Sandwich","cost":5},"quantity":2}]}}',
    signature: 'C4W4TrtGSftiWgqlrbB6cqKb/FvkQ/xq0bLyIC69OM8=',
  },
];

const request = (v: (typeof vectors)[number], changes: Partial<SignedRequest> = {}): SignedRequest => ({
  key: 'k',
  ...v,
  ...changes,
});

describe('checkSignature', () => {
  it.each(vectors)('accepts the known-answer vector for $path$search', async (v) => {
    expect(await checkSignature(request(v), strict)).toEqual({ ok: true });
  });

  it.each(vectors)('rejects $path when one byte of the body or path changes', async (v) => {
    const bodyChanged = await checkSignature(request(v, { body: `${v.body} ` }), options);
    const pathChanged = await checkSignature(request(v, { path: `${v.path}/` }), options);
    expect(bodyChanged).toMatchObject({ ok: false, code: 1004 });
    expect(pathChanged).toMatchObject({ ok: false, code: 1004 });
  });

  it('accepts the path-only signature of a query request unless strict (A1)', async () => {
    const pathOnly = { ...vectors[2]!, signature: 'IxvghmMF81UPUpQTGpSBpLDV8Uhq+v8IgGhPMoALkFE=' };
    expect(await checkSignature(request(pathOnly), options)).toEqual({ ok: true });
    expect(await checkSignature(request(pathOnly), strict)).toMatchObject({ ok: false, code: 1004 });
  });

  it('does not accept a signature made for a different query', async () => {
    const v = vectors[2]!;
    expect(await checkSignature(request(v, { search: '?store=100001' }), options)).toMatchObject({
      ok: false,
      code: 1004,
    });
  });

  it.each([
    ['the signature header is missing', { signature: null }, 1001],
    ['the key header is missing', { key: null }, 1002],
    ['the key is unknown', { key: 'other' }, 1003],
    ['the signature is not base64', { signature: 'not base64!' }, 1004],
    ['the signature is empty', { signature: '' }, 1001],
  ] as const)('answers the documented code when %s', async (_, changes, code) => {
    expect(await checkSignature(request(vectors[0]!, changes), options)).toMatchObject({ ok: false, code });
  });

  it('rejects a signature made with a key decoded as UTF-8 text instead of raw bytes (A2)', async () => {
    // The lossy decoding some clients use turns the secret's non-UTF-8 bytes into U+FFFD.
    const lossyKey = new TextEncoder().encode(
      new TextDecoder().decode(Uint8Array.from(atob(SECRET), (c) => c.charCodeAt(0))),
    );
    const key = await crypto.subtle.importKey('raw', lossyKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const v = vectors[1]!;
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(v.path)));
    const lossy = btoa(String.fromCharCode(...mac));
    expect(lossy).not.toBe(v.signature);
    expect(await checkSignature(request(v, { signature: lossy }), options)).toMatchObject({ ok: false, code: 1004 });
  });
});
