// What a merchant writes today instead of the proxy: a minimal Node server (node:http) that
// makes the same signed Spendgo calls for a shopper its own session already identifies, with
// no sign-in broker, no DPoP, no records and no validation of its own. The bench measures the
// proxy against it in the same run (scripts/bench-latency.ts). Loopback only.
//   node bench/hand-written-backend.ts <port>      (Spendgo: the sandbox, .dev.vars' account)
//   GET /balance, GET /rewards?store=…, POST /checkout (body: Spendgo's checkout request)
// The member is the `member` cookie: the stand-in for the merchant's own session.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';

const settings = readFileSync(resolve(import.meta.dirname, '../.dev.vars'), 'utf8');
const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(settings)?.[1] ?? '';
const spendgo = setting('SPENDGO_API_BASE');
const apiKey = setting('SPENDGO_API_KEY');
const apiSecret = Buffer.from(setting('SPENDGO_API_SECRET'), 'base64');
const port = Number(process.argv[2] ?? 8790);

/** Spendgo's request signature: HMAC-SHA256 over the path (with its query) and the body. */
const sign = (uri: string, body: string) =>
  createHmac('sha256', apiSecret)
    .update(uri + body)
    .digest('base64');

async function call(method: 'GET' | 'POST', uri: string, body = ''): Promise<Response> {
  return fetch(`${spendgo}${uri}`, {
    method,
    headers: { 'X-Class-Key': apiKey, 'X-Class-Signature': sign(uri, body), 'Content-Type': 'application/json' },
    ...(method === 'POST' && { body }),
  });
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const member = /(?:^|;\s*)member=(\d+)/.exec(req.headers.cookie ?? '')?.[1];
    const url = new URL(req.url ?? '/', 'http://localhost');
    const account = `/loyalty/accounts/${member}`;
    const upstream = !member
      ? null
      : req.method === 'GET' && url.pathname === '/balance'
        ? call('GET', `${account}/balance`)
        : req.method === 'GET' && url.pathname === '/rewards'
          ? call('GET', `${account}/rewards${url.search}`)
          : req.method === 'POST' && url.pathname === '/checkout'
            ? call('POST', `${account}/orders`, Buffer.concat(chunks).toString())
            : null;
    if (!upstream) {
      res.writeHead(member ? 404 : 401).end();
      return;
    }
    upstream.then(
      async (answer) => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text());
      },
      () => res.writeHead(502).end(),
    );
  });
}).listen(port, '127.0.0.1', () => {
  console.log(`hand-written backend on http://127.0.0.1:${port}`);
});
