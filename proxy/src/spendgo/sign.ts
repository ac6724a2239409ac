// Spendgo request signing (docs/spendgo-api.md §3): base64(HMAC-SHA256(base64decode(secret), uri ‖ body)).
// Pure Web Crypto. The key is the secret's raw decoded bytes, never a text decoding of them (A2).

const encoder = new TextEncoder();

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export type Signer = (uri: string, body: string) => Promise<string>;

/** Imports the key once; the returned function signs `uri` (path from the host root, query included when sent) and the exact body bytes. */
export async function createSigner(secretBase64: string): Promise<Signer> {
  const key = await crypto.subtle.importKey(
    'raw',
    base64ToBytes(secretBase64),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return async (uri, body) =>
    bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(uri + body))));
}
