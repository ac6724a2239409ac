// The merchant API's request signature, in the style of Stripe's webhooks:
//   Spendgo-Loyalty-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t.METHOD.path?query.body)>
// Shared by the proxy (which verifies) and the merchant client (which signs). Web Crypto only,
// so it runs in Workers, Node 22 and browsers alike; verification is constant-time.

export const SIGNATURE_HEADER = 'Spendgo-Loyalty-Signature';
export const CLIENT_HEADER = 'Spendgo-Loyalty-Client';
/** How far a signature's timestamp may be from the proxy's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

function key(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function payload(timestamp: number, method: string, pathAndQuery: string, body: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encoder.encode(`${timestamp}.${method.toUpperCase()}.${pathAndQuery}.${body}`));
}

export async function signMerchantRequest(
  secret: string,
  timestamp: number,
  method: string,
  pathAndQuery: string,
  body: string,
): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await key(secret, 'sign'), payload(timestamp, method, pathAndQuery, body)),
  );
  const hex = [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export async function verifyMerchantRequest(
  secret: string,
  header: string | undefined,
  now: number,
  method: string,
  pathAndQuery: string,
  body: string,
): Promise<SignatureCheck> {
  if (!header) return { ok: false, reason: 'missing' };
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return { ok: false, reason: 'malformed' };
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const given = new Uint8Array(match[2]!.match(/../g)!.map((h) => parseInt(h, 16)));
  const valid = await crypto.subtle.verify(
    'HMAC',
    await key(secret, 'verify'),
    given,
    payload(timestamp, method, pathAndQuery, body),
  );
  return valid ? { ok: true } : { ok: false, reason: 'mismatch' };
}
