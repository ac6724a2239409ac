// HMAC-SHA256 with hex signatures over text, for the signatures the proxy and merchant backends
// exchange (shared/merchant-signature.ts, shared/webhook-signature.ts). Web Crypto only, so it
// runs in Workers, Node 22 and browsers; verification is crypto.subtle.verify (constant-time).

const encoder = new TextEncoder();

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

function key(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** `count` random bytes as hex (a nonce). */
export function randomHex(count: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(count)));
}

/** HMAC-SHA256(secret, message) as 64 lowercase hex digits. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret, 'sign'), encoder.encode(message))));
}

/** Whether `signature` (64 hex digits, already checked by the caller's header pattern) is
 * HMAC-SHA256(secret, message); in constant time. */
export async function hmacHexMatches(secret: string, message: string, signature: string): Promise<boolean> {
  const given = new Uint8Array(signature.match(/../g)!.map((h) => parseInt(h, 16)));
  return crypto.subtle.verify('HMAC', await key(secret, 'verify'), given, encoder.encode(message));
}
