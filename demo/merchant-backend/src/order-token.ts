// The shopper's proof that an order is theirs: an HMAC of the order id under the backend's own
// secret, handed out when the order is made and required on every later call for it. Nobody
// can charge, cancel, refund or read another shopper's order by guessing its id. Stateless;
// verification is constant-time (Web Crypto's verify).

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

export async function orderToken(secret: string, orderId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(`order:${orderId}`));
  return toBase64Url(new Uint8Array(mac));
}

export async function orderTokenValid(secret: string, orderId: string, token: string | undefined): Promise<boolean> {
  const given = token ? fromBase64Url(token) : null;
  if (!given) return false;
  return crypto.subtle.verify('HMAC', await key(secret), given, encoder.encode(`order:${orderId}`));
}
