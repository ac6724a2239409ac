// Rules the proxy's configuration must keep beyond its shape: no plain-HTTP address outside
// local development, redirect URIs inside their client's origins, strong merchant secrets, and
// none of the demo's published credentials on a public deployment. Pure.

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

/** A merchant backend's webhook endpoint: https (http only on a local host), no fragment. */
export const webhookUrlSchema = redirectUriSchema;

/** A merchant backend's HMAC secret: at least 32 bytes. */
export const merchantSecretSchema = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length >= 32, 'at least 32 bytes');

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
]);

/** Whether a credential is one the demo publishes (its keys and client ids, its "change-me" secrets). */
export function publishedDemoValue(value: string): boolean {
  return DEMO_IDENTIFIERS.has(value) || value.includes('change-me');
}
