// The latency half of `npm run bench`: signs a member in through the proxy as a browser would,
// then measures GET /v1/rewards, GET /v1/balance and POST /v1/checkout through the proxy next to
// the same signed calls made straight to the sandbox, and where the proxy's added time goes.
// Bounded request counts; only 127.0.0.1 is contacted.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { benchMember, ORIGIN, PROXY, SANDBOX } from './bench-member.ts';
import { directSpendgo } from './bench-spendgo.ts';

export const REQUESTS = 1000;
const WARM_UP = 20;
/** Member requests per sign-in, under the proxy's per-sign-in limit of 120 a minute. */
const PER_SIGN_IN = 100;
export const CHECKOUTS = 250; // with the warm-up, stays under the proxy's checkout rate limit (per IP)
export const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 1);

export interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

export type Latency = Record<
  string,
  {
    proxy: Figures;
    direct: Figures;
    /** Through the hand-written Node backend (bench/hand-written-backend.ts), when it ran. */
    handWritten?: Figures;
    addedMs: number;
    ratio: number;
  }
>;

export interface Breakdown {
  addedMs: number;
  devServerHopMs: number;
  memberAuthenticationMs: number;
  restMs: number;
}

/** Needs the proxy and the sandbox running: the local system (scripts/stack.ts) or workerd
 * (scripts/bench-workerd.ts), on the same ports. `connections` requests are in flight at once. */
export async function measureLatency(
  connections = CONNECTIONS,
  handWritten: string | null = null,
): Promise<{ latency: Latency; breakdown: Breakdown }> {
  await fetch(`${SANDBOX}/__sandbox/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  const { proof, askNonce, noteNonce, signIn, nonce } = await benchMember();

  await askNonce();
  const accessToken = await signIn();
  const spendgo = directSpendgo();

  const cart = {
    store: '999999',
    items: [{ label: 'Salad', unit_cost: 21.5, quantity: 1 }],
    subtotal: 21.5,
    reward: { id: '2234402' },
  };
  const spendgoCheckout = JSON.stringify({
    status: 'checkout',
    vendor: '999999',
    brand: spendgo.accountId,
    source: 'web',
    subtotal: 21.5,
    discount: 5,
    total: 16.5,
    basket: {
      // Spendgo requires the reward's discount (API v2.1.1); the sandbox refuses one without it.
      rewards: [{ provider: 'Spendgo', id: '2234402', level: 'basket', discount: 5 }],
      posEntries: [{ posItem: { label: 'Salad', cost: 21.5 }, quantity: 1 }],
    },
  });

  interface Case {
    name: string;
    requests: number;
    proxy: { method: 'GET' | 'POST'; path: string; body?: () => string };
    direct: { method: 'GET' | 'POST'; path: string; body?: string };
    /** The same call through the hand-written backend. */
    handWritten: { method: 'GET' | 'POST'; path: string; body?: string };
  }

  const cases: Case[] = [
    {
      name: 'GET /v1/rewards',
      requests: REQUESTS,
      proxy: { method: 'GET', path: '/v1/rewards?store=999999' },
      direct: { method: 'GET', path: '/loyalty/accounts/1009029/rewards?store=999999' },
      handWritten: { method: 'GET', path: '/rewards?store=999999' },
    },
    {
      name: 'GET /v1/balance',
      requests: REQUESTS,
      proxy: { method: 'GET', path: '/v1/balance' },
      direct: { method: 'GET', path: '/loyalty/accounts/1009029/balance' },
      handWritten: { method: 'GET', path: '/balance' },
    },
    {
      name: 'POST /v1/checkout',
      requests: CHECKOUTS,
      proxy: { method: 'POST', path: '/v1/checkout', body: () => JSON.stringify(cart) },
      direct: { method: 'POST', path: '/loyalty/accounts/1009029/orders', body: spendgoCheckout },
      handWritten: { method: 'POST', path: '/checkout', body: spendgoCheckout },
    },
  ];

  async function load(
    url: string,
    amount: number,
    setupRequest: (req: autocannon.Request) => autocannon.Request,
    onNonce?: (value: string | string[] | undefined) => void,
  ): Promise<Figures> {
    const onResponse = onNonce
      ? (_status: number, _body: string, _context: object, headers: IncomingHttpHeaders | undefined) => {
          const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === 'dpop-nonce');
          if (name) onNonce(headers?.[name]);
        }
      : undefined;
    const result = await autocannon({
      url,
      amount,
      connections: connections,
      requests: [{ setupRequest, ...(onResponse && { onResponse }) }],
    });
    const non2xx = result.non2xx + result.errors + result.timeouts;
    return {
      p50: result.latency.p50,
      p95: result.latency.p97_5,
      p99: result.latency.p99,
      rps: Math.round(result.requests.average),
      errors: non2xx,
    };
  }

  /** One case through the proxy, then the same signed calls straight to the sandbox. */
  async function measure(
    c: Case,
    amount: number,
  ): Promise<{ proxied: Figures; direct: Figures; handWritten: Figures | null }> {
    // Every proxied request needs its own DPoP proof (a proof's jti is single use): make them first.
    // One sign-in may make 120 member requests a minute (MEMBER_RATE_LIMITER): spread the load
    // over enough sign-ins, as that many shoppers would.
    const total = amount + connections;
    const tokens: string[] = [];
    while (tokens.length * PER_SIGN_IN < total) tokens.push(await signIn());
    await askNonce();
    const tokenOf = (i: number) => tokens[Math.floor(i / PER_SIGN_IN)]!;
    const makeCall = async (i: number) => ({
      token: tokenOf(i),
      proof: await proof(c.proxy.method, `${PROXY}${c.proxy.path}`, tokenOf(i)),
    });
    const calls = await Promise.all(Array.from({ length: total }, (_, i) => makeCall(i)));
    let next = 0;
    // A proof's nonce lives 30–60 s; when the proxy sends a new one, the proofs not yet sent are
    // made again with it in the background (the old nonce is still accepted meanwhile).
    let signedWith = nonce();
    const onNonce = (value: string | string[] | undefined) => {
      noteNonce(value);
      if (nonce() === signedWith) return;
      signedWith = nonce();
      void (async () => {
        for (let i = next + connections; i < calls.length; i++) calls[i] = await makeCall(i);
      })();
    };
    const proxied = await load(
      `${PROXY}${c.proxy.path}`,
      amount,
      (req) => {
        const call = calls[next++ % calls.length]!;
        return {
          ...req,
          method: c.proxy.method,
          headers: {
            Authorization: `DPoP ${call.token}`,
            DPoP: call.proof,
            Origin: ORIGIN,
            ...(c.proxy.body && { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
          },
          ...(c.proxy.body && { body: c.proxy.body() }),
        };
      },
      onNonce,
    );
    const directHeaders = spendgo.headers(c.direct.path, c.direct.body);
    const direct = await load(`${SANDBOX}${c.direct.path}`, amount, (req) => ({
      ...req,
      method: c.direct.method,
      headers: directHeaders,
      ...(c.direct.body && { body: c.direct.body }),
    }));
    const viaNode = handWritten
      ? await load(`${handWritten}${c.handWritten.path}`, amount, (req) => ({
          ...req,
          method: c.handWritten.method,
          headers: { Cookie: 'member=1009029', 'Content-Type': 'application/json' },
          ...(c.handWritten.body && { body: c.handWritten.body }),
        }))
      : null;
    return { proxied, direct, handWritten: viaNode };
  }

  const latency: Latency = {};
  for (const c of cases) {
    await measure(c, WARM_UP); // not recorded: the first requests of a path pay for compiling it
    const { proxied, direct, handWritten: viaNode } = await measure(c, c.requests);
    latency[c.name] = {
      proxy: proxied,
      direct,
      ...(viaNode && { handWritten: viaNode }),
      addedMs: proxied.p50 - direct.p50,
      ratio: Math.round((proxied.p50 / Math.max(direct.p50, 0.01)) * 100) / 100,
    };
  }
  // --- where the added time goes: a route that does no work (the dev server's own hop, Hono, the
  // log line), then member authentication alone (a replayed DPoP proof is refused only after the
  // token, the proof, and the sign-in and replay check in one Durable Object call), both against GET /v1/balance ---
  const floor = await load(`${PROXY}/.well-known/openid-configuration`, REQUESTS, (req) => req);
  await askNonce();
  let replayed = await proof('GET', `${PROXY}/v1/balance`, accessToken);
  let replayedWith = nonce();
  // Under a new nonce the replayed proof is made again (and used once), so every request is
  // refused as a replay, after the whole check, not earlier as a stale nonce.
  const onNonce = (value: string | string[] | undefined) => {
    noteNonce(value);
    if (nonce() === replayedWith) return;
    replayedWith = nonce();
    void (async () => {
      const next = await proof('GET', `${PROXY}/v1/balance`, accessToken);
      await fetch(`${PROXY}/v1/balance`, {
        headers: { Authorization: `DPoP ${accessToken}`, DPoP: next, Origin: ORIGIN },
      });
      replayed = next;
    })();
  };
  const authOnly = await load(
    `${PROXY}/v1/balance`,
    REQUESTS,
    (req) => ({ ...req, headers: { Authorization: `DPoP ${accessToken}`, DPoP: replayed, Origin: ORIGIN } }),
    onNonce,
  );
  const balance = latency['GET /v1/balance']!;
  const breakdown: Breakdown = {
    addedMs: balance.addedMs,
    devServerHopMs: floor.p50,
    memberAuthenticationMs: authOnly.p50 - floor.p50,
    restMs: balance.addedMs - authOnly.p50,
  };
  return { latency, breakdown };
}
