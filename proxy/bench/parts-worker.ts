// Bench only, never deployed (scripts/bench-parts.ts builds and runs it in workerd): the proxy's
// own per-request steps, each run `n` times in a row by one request, with the proxy's real
// configuration and Durable Objects. The bench prices a step by the difference between requests
// with n = 0 and n = N, because the Workers clock does not move while code runs.
//   GET /<step>?n=N  →  204 once the step has run N times
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { readConfig } from '../src/env';
import { familyStore } from '../src/durable-objects';
import { DPOP_WINDOW_SECONDS, verifyDpop } from '../src/oidc/dpop';
import { currentNonce, nonceIsFresh } from '../src/oidc/dpop-nonce';
import { keysFor } from '../src/oidc/keys';
import { mintAccessToken, readAccessToken } from '../src/oidc/tokens';
import { createSigner } from '../src/spendgo/sign';
import { lowerKeys } from '../src/spendgo/wire';
import { nowSeconds } from '../src/lib/clock';
import app from '../src/index';

export {
  CheckoutRecord,
  LoginCodeStore,
  OneTimeIdStore,
  OrderIndex,
  OrderLedger,
  RecoveryBoard,
  RewardHolds,
  SignInStore,
} from '../src/index';

const URL_OF_BALANCE = 'http://127.0.0.1:8787/v1/balance';
/** A checkout body of the size the proxy signs for one cart line and a reward. */
const CHECKOUT_BODY = JSON.stringify({
  status: 'checkout',
  vendor: '999999',
  brand: 'bench',
  source: 'web',
  subtotal: 21.5,
  discount: 5,
  total: 16.5,
  basket: {
    rewards: [{ provider: 'Spendgo', id: '2234402', level: 'basket', discount: 5 }],
    posEntries: [{ posItem: { label: 'Salad', cost: 21.5 }, quantity: 1 }],
  },
});

const sha256 = async (text: string) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
};

type Step = (i: number) => Promise<unknown>;

/** Each step with what it needs made beforehand (outside the timed loop's share). */
async function prepare(name: string, env: Env, ctx: ExecutionContext): Promise<Step | null> {
  const config = readConfig(env);
  if (!config.ok) throw new Error(`config: ${config.error.setting}`);
  const keys = await keysFor(config.value);
  const now = nowSeconds();
  const issuer = config.value.publicUrl;
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const claims = {
    memberId: '1009029',
    clientId: 'demo-storefront',
    account: 'default',
    familyId: crypto.randomUUID(),
    givenName: 'Bench',
    jkt: await calculateJwkThumbprint(jwk),
  };
  const token = await mintAccessToken(keys, issuer, claims, now);
  const nonce = await currentNonce(keys.nonceKey, now);
  const proofId = crypto.randomUUID();
  const proof = await new SignJWT({
    htm: 'GET',
    htu: URL_OF_BALANCE,
    jti: proofId,
    nonce,
    ath: await sha256(token),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .setIssuedAt(now)
    .sign(privateKey);
  switch (name) {
    case 'decrypt-token':
      return () => readAccessToken(keys, issuer, token, now);
    case 'verify-dpop':
      return () => verifyDpop(proof, { method: 'GET', url: URL_OF_BALANCE, now, accessToken: token });
    case 'dpop-nonce':
      return async () => [await currentNonce(keys.nonceKey, now), await nonceIsFresh(keys.nonceKey, nonce, now)];
    case 'rate-limiter':
      return () => env.MEMBER_RATE_LIMITER.limit({ key: `member:${claims.familyId}` });
    case 'proof-check': {
      // One sign-in's Durable Object admitting a fresh proof id per call, through a stub made
      // per call, as every member request makes its own.
      await familyStore(env.SIGN_INS, claims.familyId).createFamily(
        { ...claims, authTime: now, expiresAt: now + 3600 },
        await sha256(crypto.randomUUID()),
      );
      return (i) =>
        familyStore(env.SIGN_INS, claims.familyId).admitProof(
          `bench-${i}-${crypto.randomUUID()}`,
          now + DPOP_WINDOW_SECONDS,
          now,
        );
    }
    case 'sign-request': {
      const sign = await createSigner(config.value.accounts.get('default')!.apiSecret);
      return () => sign('/loyalty/accounts/1009029/orders', CHECKOUT_BODY);
    }
    case 'whole-noop':
      // The proxy's whole app, in process (no sockets): a route that does no work.
      return async () =>
        (await app.fetch(new Request('http://127.0.0.1:8787/.well-known/openid-configuration'), env, ctx)).text();
    case 'whole-auth': {
      // The whole app refusing a replayed proof: every middleware and all of member
      // authentication ran (the proof is refused only at its one-time id), no Spendgo call.
      await familyStore(env.SIGN_INS, claims.familyId).createFamily(
        { ...claims, authTime: now, expiresAt: now + 3600 },
        await sha256(crypto.randomUUID()),
      );
      const call = () =>
        app.fetch(
          new Request(URL_OF_BALANCE, {
            headers: { Authorization: `DPoP ${token}`, DPoP: proof, Origin: 'http://localhost:5173' },
          }),
          env,
          ctx,
        );
      await familyStore(env.SIGN_INS, claims.familyId).admitProof(proofId, now + DPOP_WINDOW_SECONDS, now);
      return async () => {
        const res = await call();
        if (res.status !== 401) throw new Error(`expected the replay refused, got ${res.status}`);
        return res.text();
      };
    }
    case 'read-answer':
      // What the proxy does to every Spendgo answer before parsing it: JSON and lowercased keys.
      return () => Promise.resolve(lowerKeys(JSON.parse(CHECKOUT_BODY)));
    default:
      return null;
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const step = await prepare(url.pathname.slice(1), env, ctx);
    if (!step) return new Response('no such step', { status: 404 });
    const n = Math.min(Number(url.searchParams.get('n') ?? '0'), 10_000);
    for (let i = 0; i < n; i++) await step(i);
    return new Response(null, { status: 204 });
  },
} satisfies ExportedHandler<Env>;
