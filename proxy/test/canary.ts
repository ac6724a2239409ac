// Canary checks for the whole proxy suite: every secret configured for the run (TEST_SECRETS)
// must never appear in any response the tests receive or in any log line the Worker writes.

import { env } from 'cloudflare:workers';

function secretValues(): string[] {
  const secrets = JSON.parse(env.TEST_SECRETS) as Record<string, string>;
  const values = Object.values(secrets);
  // The signing key is JSON; its private part is what must never leak.
  const jwk = JSON.parse(secrets['PROXY_SIGNING_KEY'] ?? '{}') as { d?: string };
  if (jwk.d) values.push(jwk.d);
  return values;
}

const secrets = secretValues();

/** Throws if any configured secret occurs in `text`. */
export function assertNoSecret(text: string, where: string): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`a configured secret leaked into ${where}`);
  }
}

export async function assertResponseClean(res: Response, where: string): Promise<void> {
  assertNoSecret(JSON.stringify([...res.headers]), `${where} (headers)`);
  assertNoSecret(await res.clone().text(), `${where} (body)`);
}

const captured: string[] = [];

/** What the console has received since captureConsole() was installed. */
export const capturedLogs = (): readonly string[] => captured;

/** Records everything written to the console from now on (the Worker shares the test isolate's console). */
export function captureConsole(): () => readonly string[] {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
  }
  return () => captured;
}
