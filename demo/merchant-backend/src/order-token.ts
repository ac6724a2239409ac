// The shopper's proof that an order is theirs: `<store's client id>.<HMAC of client and order id>`
// under the backend's own secret, handed out when the order is made and required on every later
// call for it. Nobody can charge, cancel, refund or read another shopper's order by guessing its
// id, nor move it to another store. And a table's check link (pay at the table), which expires.
// Stateless; verification is constant-time (Web Crypto's verify).

const encoder = new TextEncoder();

function key(secret: string) {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '=');
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const CLIENT_ID = /^[A-Za-z0-9_-]{3,100}$/;

export async function orderToken(secret: string, clientId: string, orderId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(`order:${clientId}:${orderId}`));
  return `${clientId}.${toBase64Url(new Uint8Array(mac))}`;
}

/** The client id the token was issued for, when it is a valid token for `orderId`; else null. */
export async function orderTokenClient(
  secret: string,
  orderId: string,
  token: string | undefined,
): Promise<string | null> {
  const [clientId, mac, ...rest] = token?.split('.') ?? [];
  const given = mac ? fromBase64Url(mac) : null;
  if (!clientId || !CLIENT_ID.test(clientId) || !given || rest.length > 0) return null;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await key(secret),
    given,
    encoder.encode(`order:${clientId}:${orderId}`),
  );
  return valid ? clientId : null;
}

/** How long a table's check link (its QR code) works: a meal, not a day. */
export const CHECK_LINK_SECONDS = 3 * 3600;

/** A table's check link token: `<expiry, seconds>.<HMAC of the check id and expiry>`. Whoever
 * holds the link (the diners at the table) may see the check and pay their part of it. */
export async function checkLinkToken(secret: string, checkId: string, expiresAt: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(`check:${checkId}:${expiresAt}`));
  return `${String(expiresAt)}.${toBase64Url(new Uint8Array(mac))}`;
}

/** Whether `token` is this check's link and has not expired (constant-time, Web Crypto's verify). */
export async function checkLinkValid(
  secret: string,
  checkId: string,
  token: string | undefined,
  now: number,
): Promise<boolean> {
  const [expiry, mac, ...rest] = token?.split('.') ?? [];
  const given = mac ? fromBase64Url(mac) : null;
  if (!expiry || !/^\d{1,12}$/.test(expiry) || !given || rest.length > 0 || Number(expiry) < now) return false;
  return crypto.subtle.verify('HMAC', await key(secret), given, encoder.encode(`check:${checkId}:${expiry}`));
}
