// The local system `npm start` runs, one entry per process, in start order.
// Ports are the defaults of ../shared/architecture.md; each can be moved with an env var.

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

export function services(): Service[] {
  const sandboxPort = port('SANDBOX_PORT', 8788);
  return [
    {
      name: 'sandbox',
      command: bin('wrangler'),
      args: [
        'dev',
        '--config',
        'demo/sandbox/wrangler.toml',
        '--ip',
        '127.0.0.1',
        '--port',
        String(sandboxPort),
        '--inspector-port',
        String(port('SANDBOX_INSPECTOR_PORT', 9230)),
        '--persist-to',
        '.wrangler/state',
        '--show-interactive-dev-session=false',
      ],
      url: `http://127.0.0.1:${sandboxPort}`,
      ready: `http://127.0.0.1:${sandboxPort}/`,
      about: 'Spendgo sandbox (sign-in page at /oauth2/v1/auth, admin at /__sandbox)',
    },
  ];
}
