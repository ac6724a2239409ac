// Reads the sandbox's settings from its Worker vars once per isolate; a bad setting is reported
// by name instead of being replaced by a silent default.

import * as z from 'zod';
import { compatSwitches, type Compat } from './core/contract';
import { findAccount } from './core/fixtures';
import type { ProgramType } from './core/model';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

// Each account's credentials: its loyalty API key and base64 secret, its OAuth client.
const accountsSchema = z
  .array(
    z.strictObject({
      brand: z.string().refine((brand) => findAccount(brand) !== undefined, 'a brand from core/fixtures.ts'),
      api_key: z.string().min(1),
      api_secret: z.base64().min(4),
      oauth_client_id: z.string().min(1),
      oauth_client_secret: z.string().min(8),
      /** The mobile API's key, secret and web context (`/mobile/gen/<web_context>/v1/...`). */
      mobile_api_key: z.string().min(1).optional(),
      mobile_api_secret: z.base64().min(4).optional(),
      web_context: z
        .string()
        .regex(/^[a-z0-9-]{1,64}$/)
        .optional(),
    }),
  )
  .refine(
    (list) =>
      list.every((a) => [a.mobile_api_key, a.mobile_api_secret, a.web_context].filter(Boolean).length % 3 === 0),
    'mobile_api_key, mobile_api_secret and web_context together or not at all',
  )
  .min(1)
  .refine((list) => new Set(list.map((a) => a.api_key)).size === list.length, 'each api_key once')
  .refine((list) => new Set(list.map((a) => a.oauth_client_id)).size === list.length, 'each oauth_client_id once')
  .refine((list) => new Set(list.map((a) => a.brand)).size === list.length, 'each brand once');

const configSchema = z.object({
  SANDBOX_ACCOUNTS: z.string().transform((text, ctx) => {
    try {
      return accountsSchema.parse(JSON.parse(text));
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: err instanceof z.ZodError ? (err.issues[0]?.message ?? '') : 'not JSON',
      });
      return z.NEVER;
    }
  }),
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

export interface SandboxAccount {
  brand: string;
  program: ProgramType;
  apiKey: string;
  apiSecret: string;
  oauthClientId: string;
  oauthClientSecret: string;
  /** The mobile API's credentials, when the account has them. */
  mobile: { apiKey: string; apiSecret: string; webContext: string } | null;
}

export interface SandboxConfig {
  accounts: readonly SandboxAccount[];
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
        accounts: c.SANDBOX_ACCOUNTS.map((a) => ({
          brand: a.brand,
          program: findAccount(a.brand)!.program,
          apiKey: a.api_key,
          apiSecret: a.api_secret,
          oauthClientId: a.oauth_client_id,
          oauthClientSecret: a.oauth_client_secret,
          mobile:
            a.mobile_api_key && a.mobile_api_secret && a.web_context
              ? { apiKey: a.mobile_api_key, apiSecret: a.mobile_api_secret, webContext: a.web_context }
              : null,
        })),
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

export function accountByKey(config: SandboxConfig, apiKey: string): SandboxAccount | undefined {
  return config.accounts.find((a) => a.apiKey === apiKey);
}

export function accountByMobileKey(config: SandboxConfig, apiKey: string): SandboxAccount | undefined {
  return config.accounts.find((a) => a.mobile?.apiKey === apiKey);
}

export function accountByOAuthClient(config: SandboxConfig, clientId: string): SandboxAccount | undefined {
  return config.accounts.find((a) => a.oauthClientId === clientId);
}
