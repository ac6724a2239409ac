// The local system `npm start` runs, one entry per process, in start order.
// Ports are the defaults of docs/architecture.md; each can be moved with an env var.

import { bin } from './setup.ts';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export interface Service {
  name: string;
  command: string;
  args: string[];
  url: string;
  /** A URL that answers once the service is up. */
  ready: string;
  about: string;
}

/** Where the Workers keep their local state: .wrangler/state, or LOCAL_STATE_DIR (the e2e run
 * uses a fresh one, since its tests reset the sandbox that the proxy's records describe). */
const stateDir = () => process.env['LOCAL_STATE_DIR'] ?? '.wrangler/state';

/** Each Worker keeps its state in its own folder: wrangler processes sharing one folder can
 * collide on its SQLite files at start-up (SQLITE_BUSY). */
function wranglerDev(name: string, config: string, listen: number, inspector: number): string[] {
  return [
    'dev',
    '--config',
    config,
    '--ip',
    '127.0.0.1',
    '--port',
    String(listen),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    `${stateDir()}/${name}`,
    '--show-interactive-dev-session=false',
  ];
}

export function services(): Service[] {
  const sandboxPort = port('SANDBOX_PORT', 8788);
  const proxyPort = port('PROXY_PORT', 8787);
  return [
    {
      name: 'sandbox',
      command: bin('wrangler'),
      // The admin surface (reset, inspect, faults) is for local use only: on here, off in wrangler.toml.
      args: [
        ...wranglerDev('sandbox', 'demo/sandbox/wrangler.toml', sandboxPort, port('SANDBOX_INSPECTOR_PORT', 9230)),
        '--var',
        'SANDBOX_ADMIN:true',
      ],
      url: `http://127.0.0.1:${sandboxPort}`,
      ready: `http://127.0.0.1:${sandboxPort}/`,
      about: 'Spendgo sandbox (sign-in page at /oauth2/v1/auth, admin at /__sandbox)',
    },
    {
      name: 'proxy',
      command: bin('wrangler'),
      args: [
        ...wranglerDev('proxy', 'wrangler.toml', proxyPort, port('PROXY_INSPECTOR_PORT', 9229)),
        // The e2e run's console behind a stand-in for Cloudflare Access (scripts/e2e.ts).
        ...(process.env['CONSOLE_ACCESS'] ? ['--var', `CONSOLE_ACCESS:${process.env['CONSOLE_ACCESS']}`] : []),
      ],
      url: `http://127.0.0.1:${proxyPort}`,
      ready: `http://127.0.0.1:${proxyPort}/.well-known/openid-configuration`,
      about: 'loyalty proxy (OIDC at /.well-known/openid-configuration, API description at /openapi.json)',
    },
    {
      name: 'merchant',
      command: bin('wrangler'),
      args: wranglerDev(
        'merchant',
        'demo/merchant-backend/wrangler.toml',
        port('MERCHANT_PORT', 8789),
        port('MERCHANT_INSPECTOR_PORT', 9231),
      ),
      url: `http://127.0.0.1:${port('MERCHANT_PORT', 8789)}`,
      ready: `http://127.0.0.1:${port('MERCHANT_PORT', 8789)}/health`,
      about: 'demo merchant backend (drives orders with the merchant client)',
    },
    {
      name: 'storefront',
      command: bin('vite'),
      args: ['--config', 'vite.config.ts'],
      url: 'http://localhost:5173',
      ready: 'http://localhost:5173/',
      about: 'demo storefront with <spendgo-loyalty> (open this one)',
    },
  ];
}
