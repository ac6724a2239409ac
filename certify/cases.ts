// Spendgo's POS certification checklist (API Certification Checklist, docs/spendgo-api.md S9), case
// by case, run through the proxy as the widget and the merchant backend use it; with the probes
// (probes.ts), the whole run. Each case returns pass, fail or n/a with what it saw; the runner
// attaches the HTTP exchanges as evidence.

import { MerchantApiError } from '../merchant/client.ts';
import { probes } from './probes.ts';
import {
  allDelivered,
  direct,
  balanceOf,
  cartOf,
  check,
  checkout,
  fail,
  held,
  lifecycle,
  orderId,
  paid,
  rewardsOf,
  shopWithPoints,
  type Case,
  type Context,
  type Verdict,
} from './steps.ts';
import type { Member } from './member.ts';

export type { Case, Context, Settings, Verdict } from './steps.ts';
export { contextFor } from './steps.ts';

const NO_SWP: Verdict = {
  status: 'n/a',
  detail: 'No Shop With Points account is configured (CERTIFY_SWP_CLIENT_ID); a Spendgo account runs one program.',
};

/** A case that needs the Shop With Points store: run there with its member, or n/a without one. */
function onShopWithPoints(run: (ctx: Context, member: Member) => Promise<Verdict>): Case['run'] {
  return async (outer) => {
    const on = await outer.shopWithPoints();
    return on ? run(on.ctx, on.member) : NO_SWP;
  };
}

const checklist: Case[] = [
  {
    id: 'lookup-by-phone',
    section: 'Retrieving member rewards and points balance',
    title:
      'Looking a member up by phone (POST /loyalty/accounts): join at checkout creates (201), then 200 with id and status',
    async run(ctx) {
      // A number nobody has: the proxy's join looks it up, then creates the member (201).
      const phone = `628555${String(Math.floor(1000 + Math.random() * 9000))}`;
      const join = (body: object) =>
        ctx.fetch(`${ctx.settings.proxyUrl}/v1/join`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: ctx.settings.origin },
          body: JSON.stringify({
            client_id: ctx.settings.clientId,
            store: ctx.settings.store,
            phone,
            sms_opt_in: false,
            email_opt_in: false,
            accept_terms: true,
            ...body,
          }),
        });
      const first = await join({});
      if (first.status === 403)
        return { status: 'n/a', detail: 'This client does not offer joining ("join" in WIDGET_CLIENTS).' };
      if (first.status !== 201) return fail(`Joining with a new number answered ${first.status}, not 201.`);
      const call = await direct(ctx);
      const again = await call('POST', '/loyalty/accounts', { customer: { phone } });
      const body = again.json as { id?: unknown; status?: unknown } | null;
      const second = await join({});
      const problems = [
        ...(again.status === 200 ? [] : [`the repeat answered ${again.status}, not 200`]),
        ...(typeof body?.id === 'string' || typeof body?.id === 'number' ? [] : ['no id']),
        ...(typeof body?.status === 'string' ? [] : ['no account status']),
        ...(second.status === 409 ? [] : [`joining again answered ${second.status}, not 409 member_exists`]),
      ];
      return check(
        problems.length === 0,
        problems.length
          ? problems.join('; ')
          : `Created by joining (201); the repeat answered 200 with id ${String(body?.id)} and status ${String(body?.status)}; joining again is sent to sign in.`,
      );
    },
  },
  {
    id: 'rewards',
    section: 'Retrieving member rewards and points balance',
    title: 'Rewards by store: 200, quantity 1 or more, names, offer types and POS reference codes',
    async run(ctx) {
      const rewards = await rewardsOf(ctx, await ctx.member(ctx.settings.members.reward));
      const problems = [
        ...rewards.filter((r) => r.quantity < 1).map((r) => `${r.label}: quantity ${r.quantity}`),
        ...rewards.filter((r) => !r.label.trim()).map((r) => `${r.id ?? '?'}: no name`),
        ...rewards.filter((r) => r.kind === 'other').map((r) => `${r.label}: unknown offer "${r.offer}"`),
        ...rewards.filter((r) => r.pos_code === null).map((r) => `${r.label}: no POS reference code`),
      ];
      const listed = rewards.map((r) => `${r.label} (${r.offer}, ×${r.quantity}, ${r.pos_code ?? 'no code'})`);
      return rewards.length === 0
        ? fail('The member has no rewards at this store; give the test member one.')
        : check(problems.length === 0, problems.length ? problems.join('; ') : listed.join('; '));
    },
  },
  {
    id: 'rewards-shop-with-points-value',
    section: 'Retrieving member rewards and points balance',
    title: 'Rewards by store: the Shop With Points value in dollars',
    run: onShopWithPoints(async (ctx, m) => {
      const [balance, swp] = [await balanceOf(m), await shopWithPoints(ctx, m)];
      // Dollars per point come with the balance (Spendgo's rewards-by-store leaves them out).
      const perPoint = balance.rewards.find((r) => r.value_per_point !== null)?.value_per_point ?? null;
      if (!swp || perPoint === null)
        return fail('No Shop With Points reward is listed for the Shop With Points member.');
      const expected = Math.round(balance.balance * perPoint * 100) / 100;
      return check(
        swp.value === expected,
        `${balance.balance} points × ${perPoint} = $${expected.toFixed(2)}; listed $${swp.value ?? '—'}`,
      );
    }),
  },
  {
    id: 'balance',
    section: 'Retrieving member rewards and points balance',
    title: 'Points balance: 200, the quantity, units "points" and the program label',
    async run(ctx) {
      const b = await balanceOf(await ctx.member(ctx.settings.members.plain));
      return check(
        Number.isFinite(b.balance) && b.units === 'points' && b.label.trim() !== '',
        `${b.balance} ${b.units}, label "${b.label}" (Spendgo's test account shows the brand's own label)`,
      );
    },
  },
  {
    id: 'order-no-reward',
    section: 'Earning points and redeeming rewards',
    title: 'An order with no reward: checkout (no reward), placed, billed, completed; points accrue',
    async run(ctx) {
      const m = await ctx.member(ctx.settings.members.plain);
      const before = await balanceOf(m);
      const cart = cartOf(ctx, 'Certification meal', 12);
      const validated = await checkout(m, cart);
      const { steps } = await lifecycle(ctx, orderId('plain'), cart, validated.checkout_id, 'completed');
      const after = await balanceOf(m);
      return check(
        !validated.reward_applied && allDelivered(steps) && after.balance > before.balance,
        `${steps.join(', ')}; balance ${before.balance} → ${after.balance}`,
      );
    },
  },
  {
    id: 'order-valid-reward',
    section: 'Earning points and redeeming rewards',
    title: 'An order with a valid reward: the right discount, placed, billed, completed; the reward is used',
    async run(ctx) {
      const m = await ctx.member(ctx.settings.members.reward);
      const { valid, validValue } = ctx.settings.rewards;
      const before = held(await rewardsOf(ctx, m), valid);
      const cart = cartOf(ctx, 'Certification dinner', 10);
      const validated = await checkout(m, { ...cart, reward: { id: valid } });
      const { steps } = await lifecycle(ctx, orderId('reward'), cart, validated.checkout_id, 'completed');
      const after = held(await rewardsOf(ctx, m), valid);
      return check(
        validated.reward_applied && validated.discount === validValue && allDelivered(steps) && after === before - 1,
        `checkout discount ${validated.discount} (expected ${validValue}); ${steps.join(', ')}; held ${before} → ${after}`,
      );
    },
  },
  {
    id: 'order-invalid-reward',
    section: 'Earning points and redeeming rewards',
    title: 'An invalid reward: checkout gives a message; placed gives a 4xx in the error format',
    async run(ctx) {
      const m = await ctx.member(ctx.settings.members.reward);
      const cart = cartOf(ctx, 'Certification salad', 12);
      const atCheckout = await checkout(m, { ...cart, reward: { id: ctx.settings.rewards.invalid } });
      // A reward valid at checkout but used by another order before this one is placed.
      const { valid } = ctx.settings.rewards;
      const small = cartOf(ctx, 'Certification soup', 10);
      const first = await checkout(m, { ...small, reward: { id: valid } });
      const second = await checkout(m, { ...small, reward: { id: valid } });
      const held0 = held(await rewardsOf(ctx, m), valid);
      if (held0 !== 1)
        return { status: 'n/a', detail: `needs the member to hold exactly one ${valid}; holds ${held0}` };
      const firstId = orderId('first');
      await lifecycle(ctx, firstId, small, first.checkout_id, 'billed');
      const refused = await ctx.merchant
        .placed(orderId('second'), { checkoutId: second.checkout_id, ...small, ...paid(10) }, { wait: 10 })
        .then(
          () => null,
          (e: unknown) => e,
        );
      await ctx.merchant.voided(firstId, {}, { wait: 10 }); // the member gets the reward back
      const answer = refused instanceof MerchantApiError ? `${refused.status} ${refused.code}: ${refused.message}` : '';
      return check(
        !atCheckout.reward_applied && atCheckout.message !== null && refused instanceof MerchantApiError,
        `checkout message "${atCheckout.message ?? ''}"; placed answered ${answer || 'success'}`,
      );
    },
  },
  {
    id: 'shop-with-points',
    section: 'Earning points and redeeming rewards',
    title: 'Shop With Points: the right discount at checkout, placed, billed; the balance goes down',
    run: onShopWithPoints(async (ctx, m) => {
      const before = await balanceOf(m);
      const swp = await shopWithPoints(ctx, m);
      if (!swp?.id) return fail('No Shop With Points reward is listed.');
      const cart = cartOf(ctx, 'Certification lunch', 15);
      const validated = await checkout(m, { ...cart, reward: { id: swp.id, amount: 5 } });
      const { steps } = await lifecycle(ctx, orderId('swp'), cart, validated.checkout_id, 'billed');
      const after = await balanceOf(m);
      return check(
        validated.discount === 5 && allDelivered(steps) && after.balance < before.balance,
        `checkout discount ${validated.discount}; ${steps.join(', ')}; balance ${before.balance} → ${after.balance}`,
      );
    }),
  },
  {
    id: 'shop-with-points-too-much',
    section: 'Earning points and redeeming rewards',
    title: 'Shop With Points above the balance: checkout gives a message',
    run: onShopWithPoints(async (ctx, m) => {
      const swp = await shopWithPoints(ctx, m);
      if (!swp?.id || swp.value === null) return fail('No Shop With Points reward is listed.');
      const cart = cartOf(ctx, 'Certification feast', swp.value + 50);
      const validated = await checkout(m, { ...cart, reward: { id: swp.id, amount: swp.value + 10 } });
      return check(
        !validated.reward_applied && validated.message !== null,
        `asked $${swp.value + 10} of $${swp.value}: "${validated.message ?? ''}"`,
      );
    }),
  },
  ...(['void', 'refund'] as const).flatMap((how) =>
    ([false, true] as const).map((withReward): Case => ({
      id: `${how === 'void' ? 'void-before-completion' : 'refund-after-completion'}${withReward ? '-with-reward' : ''}`,
      section: 'Refunding and voiding points, rewards or offers',
      title:
        how === 'void'
          ? `Voided before completion${withReward ? ' with a reward: the reward comes back' : ''}; no points stay`
          : `Refunded after completion${withReward ? ' with a reward: the reward comes back' : ''}; points are reversed`,
      async run(ctx) {
        const m = await ctx.member(withReward ? ctx.settings.members.reward : ctx.settings.members.plain);
        const { valid } = ctx.settings.rewards;
        const [before, heldBefore] = [await balanceOf(m), held(await rewardsOf(ctx, m), valid)];
        const cart = cartOf(ctx, `Certification ${how}`, 10);
        const validated = await checkout(m, { ...cart, ...(withReward && { reward: { id: valid } }) });
        if (withReward && !validated.reward_applied) return fail(`The reward ${valid} did not apply at checkout.`);
        const id = orderId(how);
        const { steps } = await lifecycle(
          ctx,
          id,
          cart,
          validated.checkout_id,
          how === 'void' ? 'billed' : 'completed',
        );
        const last =
          how === 'void'
            ? await ctx.merchant.voided(id, {}, { wait: 10 })
            : await ctx.merchant.refunded(id, {}, { wait: 10 });
        steps.push(`${how === 'void' ? 'voided' : 'refunded'} ${last.event.state}`);
        const [after, heldAfter] = [await balanceOf(m), held(await rewardsOf(ctx, m), valid)];
        return check(
          allDelivered(steps) && after.balance === before.balance && heldAfter === heldBefore,
          `${steps.join(', ')}; balance ${before.balance} → ${after.balance}; ${valid} held ${heldBefore} → ${heldAfter}`,
        );
      },
    })),
  ),
];

export const cases: Case[] = [...checklist, ...probes];
