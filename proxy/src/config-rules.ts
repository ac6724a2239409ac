// Rules the proxy's configuration must keep beyond its shape: no plain-HTTP address outside
// local development, redirect URIs inside their client's origins, webhooks only to public hosts,
// strong and distinct merchant and webhook secrets, and none of the demo's published
// credentials on a public deployment. Pure.

import * as z from 'zod';

/** Hosts that never leave this machine or a test network: loopback, `.localhost`, `.test` (RFC 2606/6761). */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host.endsWith('.localhost') ||
    host.endsWith('.test')
  );
}

/** https, or http on a local host only. */
export function secureAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
  } catch {
    return false;
  }
}

const NOT_SECURE = 'https (http only for localhost, 127.0.0.1 or a .test host)';

/** A base URL: https (or local http), no query or fragment; trailing slashes dropped. */
export const baseUrl = z
  .url({ protocol: /^https?$/ })
  .refine(secureAddress, NOT_SECURE)
  .refine((u) => !u.includes('?') && !u.includes('#'), 'no query or fragment')
  .transform((u) => u.replace(/\/+$/, ''));

export const originSchema = z.string().refine((o) => {
  try {
    return new URL(o).origin === o && secureAddress(o);
  } catch {
    return false;
  }
}, `an origin such as https://shop.example (${NOT_SECURE})`);

/** Exact redirect URIs: https (or local http), no fragment (RFC 6749 §3.1.2). */
export const redirectUriSchema = z
  .url({ protocol: /^https?$/ })
  .refine(secureAddress, NOT_SECURE)
  .refine((u) => !u.includes('#'), 'no fragment');

/** IPv4 literals that name no public host: this network, private, shared (CGNAT), link-local
 * (the cloud metadata service, 169.254.169.254) and the unspecified address. */
function privateIpv4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 0 ||
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/** Hosts a webhook must never be sent to from a Worker: private, link-local or metadata
 * addresses (IPv4, IPv6 unique-local fc00::/7 and link-local fe80::/10, IPv4-mapped), and
 * `.internal` names. Loopback is judged apart: fine for local development only. */
export function privateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (privateIpv4(host) || host.endsWith('.internal') || host === '::') return true;
  if (!host.includes(':')) return false;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (mapped) return privateIpv4(mapped[1]!);
  return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}

/** A merchant backend's webhook endpoint: https (http only on a local host), no fragment, no
 * credentials in the URL, never a private or metadata address (the proxy must not be a way in). */
export const webhookUrlSchema = redirectUriSchema
  .refine((u) => {
    const url = new URL(u);
    return url.username === '' && url.password === '';
  }, 'no user name or password in the URL (authenticate webhooks by their signature)')
  .refine((u) => !privateHost(new URL(u).hostname), 'a public host (not a private, link-local or metadata address)');

/** A secret's strength as its characters show it: length × the entropy of their spread, in bits.
 * Random base64 or hex of 32 bytes gives over 200; a word repeated or a pattern far less. */
export function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of secret) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n += 1;
  }
  let perChar = 0;
  for (const k of counts.values()) perChar -= (k / n) * Math.log2(k / n);
  return perChar * n;
}

/** The least a public deployment's merchant or webhook secret must show (estimatedBits). */
export const MIN_SECRET_BITS = 128;

/** What makes one client's settings unsafe beyond their shapes: a webhook secret that is also
 * the merchant secret (one leak would forge both), and on a public deployment a webhook to a
 * local host or a predictable secret. Null when none. */
export function unsafeClientSetting(
  client: { webhook_url?: string | undefined },
  merchantSecrets: readonly string[],
  webhookSecrets: readonly string[],
  publicDeployment: boolean,
): { setting: string; detail: string } | null {
  if (webhookSecrets.some((s) => merchantSecrets.includes(s)))
    return { setting: 'WEBHOOK_SECRETS', detail: 'the webhook secret must differ from the merchant secret' };
  if (!publicDeployment) return null;
  if (client.webhook_url !== undefined && isLocalHost(new URL(client.webhook_url).hostname))
    return { setting: 'WIDGET_CLIENTS', detail: 'a webhook URL on a local host' };
  if (merchantSecrets.some((s) => estimatedBits(s) < MIN_SECRET_BITS))
    return { setting: 'WIDGET_CLIENT_SECRETS', detail: 'the merchant secret is too predictable' };
  if (webhookSecrets.some((s) => estimatedBits(s) < MIN_SECRET_BITS))
    return { setting: 'WEBHOOK_SECRETS', detail: 'the webhook secret is too predictable' };
  return null;
}

/** A merchant backend's HMAC secret: at least 32 bytes. */
export const merchantSecretSchema = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length >= 32, 'at least 32 bytes');

/** One secret, or two while it is rotated (the next one first, the previous one until every
 * backend has the next): always a list of distinct secrets. */
export const rotatingSecretsSchema = z
  .union([merchantSecretSchema.transform((s) => [s]), z.array(merchantSecretSchema).min(1).max(2)])
  .refine((list) => new Set(list).size === list.length, 'two different secrets (next first, then previous)');

/** The demo's published identifiers (.dev.vars.example, the sandbox): never on a public deployment. */
const DEMO_IDENTIFIERS = new Set([
  'test_spendgo_loyalty',
  'test_spendgo_loyalty_visits',
  'test_spendgo_loyalty_banking',
  'test_spendgo_loyalty_swp',
  'test_spendgo_oauth2',
  'test_spendgo_oauth2_visits',
  'test_spendgo_oauth2_banking',
  'test_spendgo_oauth2_swp',
  'test_spendgo_mob',
]);

/** Whether a credential is one the demo publishes (its keys and client ids, its "change-me" secrets). */
export function publishedDemoValue(value: string): boolean {
  return DEMO_IDENTIFIERS.has(value) || value.includes('change-me');
}

/** A setting holding JSON, parsed and checked by `schema`; its first problem is the message. */
export const jsonOf = <S extends z.ZodType>(schema: S) =>
  z.string().transform((text, ctx): z.infer<S> => {
    try {
      return schema.parse(JSON.parse(text));
    } catch (err) {
      const detail = err instanceof z.ZodError ? (err.issues[0]?.message ?? 'invalid') : 'not valid JSON';
      ctx.addIssue({ code: 'custom', message: detail });
      return z.NEVER;
    }
  });
