// What the certification cases are made of: their settings and context, the verdicts, and the
// steps they take through the proxy as the widget and the merchant backend take them (sign-in,
// reads, checkout, an order's lifecycle waiting for Spendgo's verdict), or straight to Spendgo.

import { createMerchantClient, type MerchantClient } from '../merchant/client.ts';
import { createSigner } from '../proxy/src/spendgo/sign.ts';
import type { Balance, CheckoutResponse, Reward, Rewards } from '../shared/wire.ts';
import { signIn, type Member, type Target } from './member.ts';

export type Verdict = { status: 'pass' | 'fail' | 'n/a'; detail: string };

export interface Settings extends Target {
  merchantSecret: string;
  store: string;
  /** A points member with a dollar-off reward, a points member for plain orders. */
  members: { reward: string; plain: string };
  /** A Spendgo account is one program: the Shop With Points cases need a store (widget client) on
   * an account that runs it, with its merchant secret and a member; null: those cases are n/a. */
  shopWithPoints: { clientId: string; redirectUri: string; merchantSecret: string; member: string } | null;
  /** A dollar-off reward the reward member holds, its value, and a reward that does not fit a plain cart. */
  rewards: { valid: string; validValue: number; invalid: string };
  /** Straight to Spendgo, for the replay probe and the signature check. */
  spendgo: { apiBase: string; apiKey: string; apiSecret: string; brand: string };
}

export interface Context {
  settings: Settings;
  fetch: typeof fetch;
  merchant: MerchantClient;
  member(id: string): Promise<Member>;
  /** The same run on the Shop With Points store, with its member signed in; null when none is set. */
  shopWithPoints(): Promise<{ ctx: Context; member: Member } | null>;
}

export interface Case {
  id: string;
  section: string;
  title: string;
  run(ctx: Context): Promise<Verdict>;
}

export const pass = (detail: string): Verdict => ({ status: 'pass', detail });
export const fail = (detail: string): Verdict => ({ status: 'fail', detail });
export const check = (ok: boolean, detail: string): Verdict => (ok ? pass(detail) : fail(detail));

export function contextFor(settings: Settings, fetcher: typeof fetch): Context {
  const sessions = new Map<string, Promise<Member>>();
  const swp = settings.shopWithPoints;
  const swpContext = swp
    ? contextFor(
        {
          ...settings,
          clientId: swp.clientId,
          redirectUri: swp.redirectUri,
          merchantSecret: swp.merchantSecret,
          shopWithPoints: null,
        },
        fetcher,
      )
    : null;
  return {
    async shopWithPoints() {
      return swp && swpContext ? { ctx: swpContext, member: await swpContext.member(swp.member) } : null;
    },
    settings,
    fetch: fetcher,
    merchant: createMerchantClient({
      proxyUrl: settings.proxyUrl,
      clientId: settings.clientId,
      secret: settings.merchantSecret,
      fetch: fetcher,
    }),
    member(id) {
      if (!sessions.has(id)) sessions.set(id, signIn(settings, fetcher, id));
      return sessions.get(id)!;
    },
  };
}

// --- what the widget sees ---

export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(res.url || 'http://x/').pathname}`);
  return (await res.json()) as T;
}
export const balanceOf = async (m: Member) => json<Balance>(await m.call('GET', '/v1/balance'));
export const rewardsOf = async (ctx: Context, m: Member) =>
  (await json<Rewards>(await m.call('GET', `/v1/rewards?store=${ctx.settings.store}`))).rewards;
export const held = (rewards: readonly Reward[], id: string) => rewards.find((r) => r.id === id)?.quantity ?? 0;
/** The Shop With Points reward at this store: a P_ reward of a Shop With Points member. */
export const shopWithPoints = async (ctx: Context, m: Member) =>
  (await balanceOf(m)).program === 'shop_with_points'
    ? (await rewardsOf(ctx, m)).find((r) => r.points_reward)
    : undefined;

export function cartOf(ctx: Context, label: string, price: number) {
  return { store: ctx.settings.store, items: [{ label, unit_cost: price, quantity: 1 }], subtotal: price };
}

export async function checkout(m: Member, body: object): Promise<CheckoutResponse> {
  return json<CheckoutResponse>(await m.call('POST', '/v1/checkout', body, { 'Idempotency-Key': crypto.randomUUID() }));
}

export const orderId = (name: string) => `cert-${name}-${Date.now().toString(36)}`;
export const paid = (amount: number) => ({
  payments: [{ tender: 'credit' as const, issuer: 'visa' as const, amount }],
});

/** placed → billed (→ completed), each waiting for Spendgo's verdict. */
export async function lifecycle(
  ctx: Context,
  id: string,
  cart: ReturnType<typeof cartOf>,
  checkoutId: string,
  through: 'billed' | 'completed',
  rewardDiscount?: number,
): Promise<{ steps: string[]; total: number }> {
  const wait = { wait: 10 };
  const placed = await ctx.merchant.placed(
    id,
    {
      checkoutId,
      ...cart,
      ...paid(cart.subtotal),
      ...(rewardDiscount !== undefined && { rewardDiscount }),
    },
    wait,
  );
  const steps = [`placed ${placed.event.state}`];
  const billed = await ctx.merchant.billed(id, paid(placed.order.total), wait);
  steps.push(`billed ${billed.event.state}`);
  if (through === 'completed') steps.push(`completed ${(await ctx.merchant.completed(id, wait)).event.state}`);
  return { steps, total: placed.order.total };
}
export const allDelivered = (steps: string[]) => steps.every((s) => s.endsWith(' delivered'));

/** A signed call straight to the target Spendgo (not through the proxy). */
export async function direct(ctx: Context) {
  const { apiBase, apiKey, apiSecret } = ctx.settings.spendgo;
  const sign = await createSigner(apiSecret);
  return async (method: 'GET' | 'POST', path: string, body?: object, tamper?: 'wrong' | 'path-only') => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signed = tamper === 'path-only' ? path.split('?')[0]! : path;
    const signature = tamper === 'wrong' ? 'AAAA' + (await sign(signed, text)).slice(4) : await sign(signed, text);
    const res = await ctx.fetch(`${apiBase}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-Class-Key': apiKey, 'X-Class-Signature': signature },
      ...(text && { body: text }),
    });
    const json: unknown = await res.json().catch(() => null);
    return { status: res.status, json };
  };
}
