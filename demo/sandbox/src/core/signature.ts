// Checks Spendgo's X-Class-Key / X-Class-Signature headers (docs/spendgo-api.md §3, A1–A4):
// signature = base64(HMAC-SHA256(key = base64decode(secret), uri ‖ body)).
// Pure Web Crypto; `crypto.subtle.verify` compares in constant time.

export type SignatureCheck = { ok: true } | { ok: false; code: 1001 | 1002 | 1003 | 1004; details: string };

export interface SignedRequest {
  key: string | null;
  signature: string | null;
  /** Path as sent, from the host root, e.g. `/loyalty/accounts/1/rewards`. */
  path: string;
  /** Raw query string including its `?`, or '' when there is none. */
  search: string;
  body: string;
}

export interface SignatureOptions {
  /** The base64 secret for an API key, or undefined when the key is unknown. */
  secretFor: (key: string) => string | undefined;
  /** Accept only signatures over path + query (A1 strict mode). */
  strictQuery: boolean;
}

const encoder = new TextEncoder();

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function checkSignature(req: SignedRequest, options: SignatureOptions): Promise<SignatureCheck> {
  if (!req.signature) return { ok: false, code: 1001, details: 'Missing X-Class-Signature header' };
  if (!req.key) return { ok: false, code: 1002, details: 'Missing X-Class-Key header' };
  const secret = options.secretFor(req.key);
  const keyBytes = secret === undefined ? null : base64ToBytes(secret);
  if (!keyBytes) return { ok: false, code: 1003, details: 'Invalid user key' };
  const mismatch = { ok: false, code: 1004, details: 'Signature does not match the request' } as const;
  const given = base64ToBytes(req.signature.trim());
  if (!given) return mismatch;
  const hmac = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const candidates = req.search && !options.strictQuery ? [req.path + req.search, req.path] : [req.path + req.search];
  for (const uri of candidates) {
    if (await crypto.subtle.verify('HMAC', hmac, given, encoder.encode(uri + req.body))) return { ok: true };
  }
  return mismatch;
}
