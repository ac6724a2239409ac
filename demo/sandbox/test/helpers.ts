// Test helpers: a Spendgo caller written independently of the sandbox's verifier (so a shared
// mistake cannot hide), basket builders, and admin shortcuts. Talks to the Worker over fetch.

import { env, exports } from 'cloudflare:workers';
import { MEMBERS } from '../src/core/fixtures';

/** The sandbox Worker under test (its default export), reached in-process. */
export const sandbox = exports.default;

/** The accounts' credentials as wrangler.toml configures them. */
export const ACCOUNTS = JSON.parse(env.SANDBOX_ACCOUNTS) as {
  brand: string;
  api_key: string;
  api_secret: string;
  oauth_client_id: string;
  oauth_client_secret: string;
}[];
const account = (brand: string) => ACCOUNTS.find((a) => a.brand === brand)!;

/** The points account's (33559) key and secret. */
export const API_KEY = account('33559').api_key;
export const API_SECRET = account('33559').api_secret;
export const BASE = 'http://sandbox.test';

/** The account a seeded member belongs to; 33559 for anyone else (new members, unknown ids). */
export function brandOf(memberId: string): string {
  return MEMBERS.find((m) => m.id === memberId)?.brand ?? '33559';
}

export async function hmacBase64(message: string, secretBase64 = API_SECRET): Promise<string> {
  const keyBytes = Uint8Array.from(atob(secretBase64), (ch) => ch.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
  return btoa(String.fromCharCode(...mac));
}

export interface CallOptions {
  /** Sign as this account (its key and secret); by default the account of the member in the path. */
  brand?: string;
  key?: string | null;
  secret?: string;
  /** Sign the path without its query (the other reading of docs/spendgo-api.md A1). */
  signPathOnly?: boolean;
  signature?: string | null;
}

export async function call(
  method: string,
  target: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<Response> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const signedUri = options.signPathOnly ? target.split('?')[0]! : target;
  const signer = account(options.brand ?? brandOf(/^\/loyalty\/accounts\/([^/?]+)/.exec(target)?.[1] ?? ''));
  const signature =
    options.signature === undefined
      ? await hmacBase64(signedUri + text, options.secret ?? signer.api_secret)
      : options.signature;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const key = options.key === undefined ? signer.api_key : options.key;
  if (key !== null) headers['X-Class-Key'] = key;
  if (signature !== null) headers['X-Class-Signature'] = signature;
  return sandbox.fetch(`${BASE}${target}`, { method, headers, ...(text && { body: text }) });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return response.json<T>();
}

export interface Line {
  label: string;
  cost: number;
  quantity?: number;
  product?: string;
  categories?: string;
}

export const COOKIE: Line = { label: 'Cookie', cost: 2.5, product: 'COOKIE' };
export const SANDWICH: Line = { label: 'Turkey Sandwich', cost: 9, product: 'TURKEY', categories: 'sandwich' };
export const SALAD: Line = { label: 'Salad', cost: 12, product: 'SALAD' };

export interface OrderInput {
  status: string;
  lines: Line[];
  id?: string;
  reward?: { id: string; discount?: number };
  rewards?: { id: string; discount?: number }[];
  vendor?: string;
  transaction?: string;
}

export function orderBody(input: OrderInput, brand = '33559') {
  const subtotal = input.lines.reduce((sum, l) => sum + l.cost * (l.quantity ?? 1), 0);
  const rewards = input.rewards ?? (input.reward ? [input.reward] : []);
  const discount = rewards.reduce((sum, r) => sum + (r.discount ?? 0), 0);
  return {
    status: input.status,
    vendor: input.vendor ?? '999999',
    brand,
    source: 'web',
    ...(input.id && { id: input.id }),
    ...(input.transaction && { transaction: input.transaction }),
    subtotal,
    discount,
    total: subtotal - discount,
    ...(input.status !== 'checkout' && {
      payments: [{ tender: 'credit', issuer: 'visa', amount: subtotal - discount }],
    }),
    basket: {
      rewards: rewards.map((r) => ({
        provider: 'Spendgo',
        id: r.id,
        level: 'basket',
        ...(r.discount !== undefined && { discount: r.discount }),
      })),
      posEntries: input.lines.map((l) => ({
        posItem: {
          label: l.label,
          cost: l.cost,
          ...(l.product && { product: l.product }),
          ...(l.categories && { categories: l.categories }),
        },
        quantity: l.quantity ?? 1,
      })),
    },
  };
}

export async function postOrder(memberId: string, input: OrderInput): Promise<Response> {
  return call('POST', `/loyalty/accounts/${memberId}/orders`, orderBody(input, brandOf(memberId)));
}

export async function resetSandbox(): Promise<void> {
  const res = await sandbox.fetch(`${BASE}/__sandbox/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new Error(`reset failed: ${res.status}`);
}

export interface Inspection {
  member: { balance: number; program: string };
  copies: { id: number; rewardId: string; state: string; expiresOn: string | null }[];
  ledger: { kind: string; units: number }[];
  orders: { orderId: string; status: string }[];
}

export async function inspect(memberId: string): Promise<Inspection> {
  return json<Inspection>(await sandbox.fetch(`${BASE}/__sandbox/members/${memberId}`));
}

export function availableCopies(i: Inspection, rewardId: string): number {
  return i.copies.filter((c) => c.rewardId === rewardId && c.state === 'available').length;
}
