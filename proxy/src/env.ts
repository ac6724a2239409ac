// Reads and validates the proxy's configuration once per isolate. A missing or malformed
// setting is reported by name (never its value), and the proxy answers 500 until it is fixed.
// The Spendgo accounts are account-config.ts's, the widget clients client-config.ts's; this
// puts them together and checks what spans both.

import * as z from 'zod';
import { ok, type Result } from '../../shared/result';
import { accountSettings, buildAccounts, refused, type ConfigProblem, type SpendgoAccount } from './account-config';
import { DEFAULT_ACCOUNT, widgetClientSchema, type WidgetClient } from './client-config';
import { consoleAccess, consoleAccessSetting, type ConsoleAccess } from './console/access-config';
import {
  baseUrl,
  isLocalHost,
  jsonOf,
  publishedDemoValue,
  rotatingSecretsSchema,
  unsafeClientSetting,
} from './config-rules';

export { DEFAULT_ACCOUNT, widgetClientSchema, type ConfigProblem, type SpendgoAccount, type WidgetClient };
export type { MobileCredentials } from './account-config';

const url = baseUrl;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Every setting, each described for the configuration table (scripts/config-table.ts writes
 * docs/deploy.md's from these); `secret: true` ones belong in the secrets file, never [vars]. */
const configSchema = z.object({
  SPENDGO_API_BASE: url.meta({ description: "Spendgo's loyalty API host" }),
  SPENDGO_ID_BASE: url.meta({ description: "Spendgo's identity (OAuth) host" }),
  SPENDGO_MEMBER_BASE: url.optional().meta({ description: "Spendgo's member host (defaults to the loyalty host)" }),
  ...accountSettings,
  SPENDGO_SIGN_QUERY: flag.default(true).meta({ description: 'sign path + query (`true`) or the path only' }),
  // Whether Spendgo answers a repeated state change as a replay. Undocumented, so off by default:
  // then a state change whose answer was lost waits for the merchant instead of being repeated.
  SPENDGO_REPLAY_SAFE: flag.default(false).meta({
    description:
      '`true` only if Spendgo answers a repeated state change as a replay; else a lost answer waits for the merchant',
  }),
  SPENDGO_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(8_000)
    .meta({ description: 'each Spendgo call attempt’s timeout (ms)' }),
  ORDER_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(2_000)
    .meta({ description: 'first retry delay of an order event (ms); doubles, with jitter' }),
  ORDER_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600_000)
    .default(60_000)
    .meta({ description: 'the longest an order event’s retry waits (ms)' }),
  // 20 attempts at 2 s doubling up to a minute: about 15 minutes of outage before a dead letter.
  ORDER_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(20)
    .meta({ description: 'attempts before an order event is dead-lettered (about 15 minutes of outage)' }),
  PROXY_PUBLIC_URL: url.meta({ description: "the proxy's own origin: the OIDC issuer and callback base" }),
  PROXY_SIGNING_KEY: jsonOf(
    z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }),
  ).meta({ description: 'the ES256 private JWK that signs ID tokens (`npm run deploy -- --keys`)', secret: true }),
  PROXY_TOKEN_SECRET: z
    .base64()
    .refine((s) => atob(s).length >= 32, 'at least 32 bytes, base64')
    .meta({ description: 'base64, at least 32 bytes: seals state and access tokens', secret: true }),
  WIDGET_CLIENTS: jsonOf(z.array(widgetClientSchema).min(1)).meta({
    description:
      'JSON list of `{ client_id, type, account, origins, redirect_uris, stores, currency, join?, webhook_url? }` (`type`: `web` or `native`; `join: {}` offers joining)',
  }),
  WIDGET_CLIENT_SECRETS: jsonOf(z.record(z.string(), rotatingSecretsSchema)).optional().meta({
    description: 'JSON `{ client_id: merchant_secret }` for merchant backends (`[next, previous]` while rotating)',
    secret: true,
  }),
  WEBHOOK_SECRETS: jsonOf(z.record(z.string(), rotatingSecretsSchema)).optional().meta({
    description:
      'JSON `{ client_id: webhook_secret }` for each client with a `webhook_url` (`[next, previous]` while rotating)',
    secret: true,
  }),
  WEBHOOK_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(10_000)
    .meta({ description: 'first retry delay of a webhook your URL did not take (ms); doubles up to an hour' }),
  // 12 attempts from 10 s doubling up to an hour: about 7 hours before a webhook is given up.
  WEBHOOK_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(12)
    .meta({ description: 'attempts before a webhook is marked failed (about 7 hours)' }),
  CONSOLE_ACCESS: consoleAccessSetting.optional().meta({
    description:
      'the console behind Cloudflare Access: JSON `{ team_domain, aud, operators: { email: [client_id, …] } }`; without it a public console is closed',
  }),
});

export interface ProxyConfig {
  /** What every account shares: one Spendgo environment. */
  spendgo: {
    apiBase: string;
    idBase: string;
    memberBase: string;
    signQuery: boolean;
    timeoutMs: number;
  };
  accounts: ReadonlyMap<string, SpendgoAccount>;
  orders: {
    /** First retry delay for lifecycle delivery; doubles per attempt, with jitter, up to retryMaxMs. */
    retryBaseMs: number;
    /** The longest a retry waits (after an outage, the first order through wakes the rest). */
    retryMaxMs: number;
    /** Attempts before an event is dead-lettered. */
    maxAttempts: number;
    /** SPENDGO_REPLAY_SAFE: repeat a state change after an ambiguous failure. */
    replaySafe: boolean;
  };
  webhooks: {
    /** First retry delay for a webhook the merchant's URL did not take; doubles up to an hour. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** Attempts before a webhook is marked failed (shown on the order). */
    maxAttempts: number;
  };
  publicUrl: string;
  signingKey: JsonWebKey;
  tokenSecret: string;
  clients: ReadonlyMap<string, WidgetClient>;
  /** How operators sign in to the console: Cloudflare Access (null: not configured). */
  console: {
    access: ConsoleAccess | null;
    /** The merchant-secret sign-in: local development only (a public host needs Access). */
    secretSignIn: boolean;
  };
}

/** The account a widget client names; configuration is refused when one names none that exists. */
export function accountOf(config: ProxyConfig, client: WidgetClient): SpendgoAccount {
  const account = config.accounts.get(client.account);
  if (!account) throw new Error(`widget client ${client.client_id} names no configured account`);
  return account;
}

export type ConfigResult = Result<ProxyConfig, ConfigProblem>;

let cached: { env: unknown; result: ConfigResult } | undefined;

type Parsed = z.infer<typeof configSchema>;
function build(c: Parsed): ConfigResult {
  const accounts = buildAccounts(c);
  if (!(accounts instanceof Map)) return accounts;
  // One Spendgo account behind two proxy accounts would split its orders and holds in two.
  const spendgoIds = [...accounts.values()].map((a) => a.accountId);
  if (new Set(spendgoIds).size !== spendgoIds.length)
    return refused('SPENDGO_ACCOUNTS', 'two accounts name the same Spendgo account_id');
  const publicDeployment = !isLocalHost(new URL(c.PROXY_PUBLIC_URL).hostname);
  const clients = new Map<string, WidgetClient>();
  for (const client of c.WIDGET_CLIENTS) {
    if (clients.has(client.client_id)) return refused('WIDGET_CLIENTS', 'duplicate client_id');
    if (!accounts.has(client.account)) return refused('WIDGET_CLIENTS', `${client.client_id} names an unknown account`);
    if (client.join && !accounts.get(client.account)!.mobile)
      return refused('WIDGET_CLIENTS', `${client.client_id}: join needs its account's mobile API credentials`);
    const outside =
      client.type === 'web' && client.redirect_uris.find((uri) => !client.origins.includes(new URL(uri).origin));
    if (outside) return refused('WIDGET_CLIENTS', `${client.client_id}: a redirect URI outside its origins`);
    const { webhook_secret: _never, merchant_secret: inline, ...declared } = client;
    const merchantSecrets = c.WIDGET_CLIENT_SECRETS?.[client.client_id] ?? (inline === undefined ? [] : [inline]);
    const webhookSecrets = c.WEBHOOK_SECRETS?.[client.client_id] ?? [];
    if (client.webhook_url !== undefined && webhookSecrets.length === 0)
      return refused('WEBHOOK_SECRETS', `no webhook secret for ${client.client_id}`);
    const unsafe = unsafeClientSetting(client, merchantSecrets, webhookSecrets, publicDeployment);
    if (unsafe) return refused(unsafe.setting, `${client.client_id}: ${unsafe.detail}`);
    clients.set(client.client_id, {
      ...declared,
      merchant_secrets: merchantSecrets,
      webhook_secrets: client.webhook_url === undefined ? [] : webhookSecrets,
    });
  }
  const demo = demoCredentialOnPublicHost(c.PROXY_PUBLIC_URL, accounts, clients);
  if (demo) return refused(demo, 'a published demo value on a public deployment');
  const access = c.CONSOLE_ACCESS ? consoleAccess(c.CONSOLE_ACCESS, new Set(clients.keys())) : null;
  if (access && !access.ok) return refused('CONSOLE_ACCESS', access.problem);
  return ok({
    spendgo: {
      apiBase: c.SPENDGO_API_BASE,
      idBase: c.SPENDGO_ID_BASE,
      memberBase: c.SPENDGO_MEMBER_BASE ?? c.SPENDGO_API_BASE,
      signQuery: c.SPENDGO_SIGN_QUERY,
      timeoutMs: c.SPENDGO_TIMEOUT_MS,
    },
    orders: {
      retryBaseMs: c.ORDER_RETRY_BASE_MS,
      retryMaxMs: c.ORDER_RETRY_MAX_MS,
      maxAttempts: c.ORDER_MAX_ATTEMPTS,
      replaySafe: c.SPENDGO_REPLAY_SAFE,
    },
    webhooks: {
      retryBaseMs: c.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: 3_600_000,
      maxAttempts: c.WEBHOOK_MAX_ATTEMPTS,
    },
    accounts,
    publicUrl: c.PROXY_PUBLIC_URL,
    signingKey: c.PROXY_SIGNING_KEY,
    tokenSecret: c.PROXY_TOKEN_SECRET,
    clients,
    console: { access: access?.value ?? null, secretSignIn: !publicDeployment },
  });
}

/** The setting holding a demo credential, if the proxy is served from a public host. */
function demoCredentialOnPublicHost(
  publicUrl: string,
  accounts: ReadonlyMap<string, SpendgoAccount>,
  clients: ReadonlyMap<string, WidgetClient>,
): string | null {
  if (isLocalHost(new URL(publicUrl).hostname)) return null;
  for (const a of accounts.values()) {
    const setting = a.id === DEFAULT_ACCOUNT ? 'SPENDGO_API_KEY' : 'SPENDGO_ACCOUNTS';
    if ([a.apiKey, a.oauthClientId, a.mobile?.apiKey ?? ''].some(publishedDemoValue)) return setting;
  }
  for (const client of clients.values()) {
    if (client.merchant_secrets.some(publishedDemoValue)) return 'WIDGET_CLIENT_SECRETS';
    if (client.webhook_secrets.some(publishedDemoValue)) return 'WEBHOOK_SECRETS';
  }
  return null;
}

export interface SettingDoc {
  name: string;
  description: string;
  secret: boolean;
  required: boolean;
  default: string | null;
}

/** Every setting as the configuration table shows it, from the schema itself. */
export function settingsDoc(): SettingDoc[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const meta = (schema as z.ZodType).meta() as { description?: string; secret?: boolean } | undefined;
    const empty = (schema as z.ZodType).safeParse(undefined);
    return {
      name,
      description: meta?.description ?? '',
      secret: meta?.secret === true,
      required: !empty.success,
      default: empty.success && empty.data !== undefined ? JSON.stringify(empty.data) : null,
    };
  });
}

export function readConfig(env: object): ConfigResult {
  if (cached?.env === env) return cached.result;
  const parsed = configSchema.safeParse(env);
  let result: ConfigResult;
  if (parsed.success) {
    result = build(parsed.data);
  } else {
    const issue = parsed.error.issues[0];
    result = refused(String(issue?.path[0] ?? 'unknown'), issue?.message ?? 'invalid');
  }
  if (!result.ok) console.error(JSON.stringify({ level: 'error', msg: 'config_invalid', ...result.error }));
  cached = { env, result };
  return result;
}

/** Every problem a configuration has, for the deploy preflight: each setting the schema finds
 * missing or malformed (all of them, once each), else the first rule between settings it
 * breaks. Names settings, never values. Empty when the proxy would start. */
export function configProblems(env: object): ConfigProblem[] {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) {
    const built = build(parsed.data);
    return built.ok ? [] : [built.error];
  }
  const bySetting = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const setting = String(issue.path[0] ?? 'unknown');
    if (!bySetting.has(setting)) bySetting.set(setting, issue.message);
  }
  return [...bySetting].map(([setting, problem]) => ({ setting, problem }));
}
