// Reads the sandbox's settings from its Worker vars once per isolate; a bad setting is reported
// by name instead of being replaced by a silent default.

import * as z from 'zod';
import { compatSwitches, type Compat } from './core/contract';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const configSchema = z.object({
  SANDBOX_API_KEY: z.string().min(1),
  SANDBOX_API_SECRET: z.base64().min(4),
  SANDBOX_OAUTH_CLIENT_ID: z.string().min(1),
  SANDBOX_OAUTH_CLIENT_SECRET: z.string().min(8),
  SANDBOX_OAUTH_REDIRECT_URIS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1)),
  // Named leniencies, comma-separated (core/contract.ts); none by default: the sandbox is strict.
  SANDBOX_COMPAT: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(compatSwitches))),
  SANDBOX_ADMIN: flag.default(false),
});

export interface SandboxConfig {
  apiKey: string;
  apiSecret: string;
  oauthClientId: string;
  oauthClientSecret: string;
  redirectUris: readonly string[];
  compat: Compat;
  admin: boolean;
}

export type ConfigResult = { ok: true; config: SandboxConfig } | { ok: false; setting: string; problem: string };

let cached: { env: unknown; result: ConfigResult } | undefined;

export function readConfig(env: Record<string, unknown>): ConfigResult {
  if (cached?.env === env) return cached.result;
  const parsed = configSchema.safeParse(env);
  let result: ConfigResult;
  if (parsed.success) {
    const c = parsed.data;
    result = {
      ok: true,
      config: {
        apiKey: c.SANDBOX_API_KEY,
        apiSecret: c.SANDBOX_API_SECRET,
        oauthClientId: c.SANDBOX_OAUTH_CLIENT_ID,
        oauthClientSecret: c.SANDBOX_OAUTH_CLIENT_SECRET,
        redirectUris: c.SANDBOX_OAUTH_REDIRECT_URIS,
        compat: new Set(c.SANDBOX_COMPAT),
        admin: c.SANDBOX_ADMIN,
      },
    };
  } else {
    const issue = parsed.error.issues[0];
    result = { ok: false, setting: String(issue?.path[0] ?? 'unknown'), problem: issue?.message ?? 'invalid' };
    console.error(`spendgo-sandbox: setting ${result.setting} is missing or malformed: ${result.problem}`);
  }
  cached = { env, result };
  return result;
}
