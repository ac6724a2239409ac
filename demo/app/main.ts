// `npm run demo:app`: the demo's native app in a terminal, against the running local system
// (`npm start`). It prints a sign-in link to open in the browser, waits on the loopback
// redirect, shows the member's balance and rewards, validates the best reward against a cart
// from the shop's menu, and has the demo merchant backend place, bill and complete the order.

import { priceLines } from '../shop/catalogue.ts';
import { memberCall, startSignIn } from './app-client.ts';
import { orderFromApp, type AppReward } from './app-order.ts';

const PROXY = process.env['PROXY_URL'] ?? 'http://127.0.0.1:8787';
const BACKEND = process.env['BACKEND_URL'] ?? 'http://127.0.0.1:8789';
const STORE = '999999';

const started = await startSignIn(PROXY, 'demo-app');
console.log(`Open this link in a browser to sign in with Spendgo:\n\n  ${started.url}\n`);
const session = await started.session;
console.log(`Signed in${session.givenName ? ` as ${session.givenName}` : ''}.`);

const balance = await memberCall<{ points?: number }>(PROXY, session, 'GET', '/v1/balance');
console.log(`Balance: ${JSON.stringify(balance.body)}`);
const rewards = await memberCall<{ rewards: AppReward[] }>(PROXY, session, 'GET', `/v1/rewards?store=${STORE}`);
console.log(`Rewards here: ${rewards.body.rewards.map((r) => r.label).join(', ') || 'none'}`);

const lines = [
  { product_id: 'SALAD', quantity: 1 },
  { product_id: 'LATTE', quantity: 1 },
];
const priced = priceLines(lines)!;
const order = await orderFromApp({
  proxyUrl: PROXY,
  backendUrl: BACKEND,
  session,
  store: STORE,
  lines,
  priced,
  rewards: rewards.body.rewards,
});
console.log(
  `Order ${order.orderId}: ${order.rewardLabel ? `${order.rewardLabel} took off ${order.discount}; ` : ''}` +
    `paid ${order.total}, status ${order.status}.`,
);
