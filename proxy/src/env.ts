// Reads and validates the proxy's configuration once per isolate. A missing or malformed
// setting is reported by name (never its value), and the proxy answers 500 until it is fixed.
// Spendgo accounts: the SPENDGO_API_KEY… settings make the account named "default"; more come
// from SPENDGO_ACCOUNTS (public parts) and SPENDGO_ACCOUNT_SECRETS (a secret). Each widget
// client names its account.

import * as z from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { baseUrl, isLocalHost, merchantSecretSchema, publishedDemoValue, unsafeClientSetting } from './config-rules';
import { ACCOUNT_ID, DEFAULT_ACCOUNT, widgetClientSchema, type WidgetClient } from './client-config';

export { DEFAULT_ACCOUNT, widgetClientSchema, type WidgetClient };

const url = baseUrl;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const jsonOf = <S extends z.ZodType>(schema: S) =>
  z.string().transform((text, ctx): z.infer<S> => {
    try {
      return schema.parse(JSON.parse(text));
    } catch (err) {
      const detail = err instanceof z.ZodError ? (err.issues[0]?.message ?? 'invalid') : 'not valid JSON';
      ctx.addIssue({ code: 'custom', message: detail });
      return z.NEVER;
    }
  });

const webContext = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const accountSchema = z.strictObject({
  id: z.string().regex(ACCOUNT_ID),
  /** Spendgo's account id, sent as `brand` on order calls. */
  account_id: z.string().min(1),
  api_key: z.string().min(1),
  oauth_client_id: z.string().min(1),
  /** The mobile API's key and web context (join at checkout); its secret is mobile_api_secret. */
  mobile_api_key: z.string().min(1).optional(),
  web_context: webContext.optional(),
});

const accountSecretsSchema = z.record(
  z.string(),
  z.strictObject({
    api_secret: z.base64().min(4),
    oauth_client_secret: z.string().min(1),
    mobile_api_secret: z.base64().min(4).optional(),
  }),
);

const configSchema = z.object({
  SPENDGO_API_BASE: url,
  SPENDGO_ID_BASE: url,
  SPENDGO_MEMBER_BASE: url.optional(),
  SPENDGO_API_KEY: z.string().min(1).optional(),
  SPENDGO_API_SECRET: z.base64().min(4).optional(),
  SPENDGO_ACCOUNT_ID: z.string().min(1).optional(),
  SPENDGO_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  SPENDGO_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  SPENDGO_MOBILE_API_KEY: z.string().min(1).optional(),
  SPENDGO_MOBILE_API_SECRET: z.base64().min(4).optional(),
  SPENDGO_WEB_CONTEXT: webContext.optional(),
  SPENDGO_ACCOUNTS: jsonOf(z.array(accountSchema)).optional(),
  SPENDGO_ACCOUNT_SECRETS: jsonOf(accountSecretsSchema).optional(),
  SPENDGO_SIGN_QUERY: flag.default(true),
  // Whether Spendgo answers a repeated state change as a replay. Undocumented, so off by default:
  // then a state change whose answer was lost waits for the merchant instead of being repeated.
  SPENDGO_REPLAY_SAFE: flag.default(false),
  SPENDGO_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  ORDER_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(2_000),
  ORDER_RETRY_MAX_MS: z.coerce.number().int().min(1).max(3_600_000).default(60_000),
  // 20 attempts at 2 s doubling up to a minute: about 15 minutes of outage before a dead letter.
  ORDER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(20),
  PROXY_PUBLIC_URL: url,
  PROXY_SIGNING_KEY: jsonOf(
    z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }),
  ),
  PROXY_TOKEN_SECRET: z.base64().refine((s) => atob(s).length >= 32, 'at least 32 bytes, base64'),
  WIDGET_CLIENTS: jsonOf(z.array(widgetClientSchema).min(1)),
  WIDGET_CLIENT_SECRETS: jsonOf(z.record(z.string(), merchantSecretSchema)).optional(),
  /** Each client's webhook signing secret (a client with a webhook_url needs one). */
  WEBHOOK_SECRETS: jsonOf(z.record(z.string(), merchantSecretSchema)).optional(),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  // 12 attempts from 10 s doubling up to an hour: about 7 hours before a webhook is given up.
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(12),
});

/** One Spendgo account's credentials; every Spendgo call and record belongs to one. */
export interface SpendgoAccount {
  /** The proxy's name for it (SPENDGO_ACCOUNTS `id`), as widget clients name it. */
  id: string;
  /** Spendgo's account id: `brand` on order calls. */
  accountId: string;
  apiKey: string;
  apiSecret: string;
  oauthClientId: string;
  oauthClientSecret: string;
  /** The mobile API's credentials (member lookup for join at checkout), when configured. */
  mobile: MobileCredentials | null;
}

export interface MobileCredentials {
  apiKey: string;
  apiSecret: string;
  /** The account's web context: `/mobile/gen/<webContext>/v1/...` on the identity host. */
  webContext: string;
}

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
}

/** The account a widget client names; configuration is refused when one names none that exists. */
export function accountOf(config: ProxyConfig, client: WidgetClient): SpendgoAccount {
  const account = config.accounts.get(client.account);
  if (!account) throw new Error(`widget client ${client.client_id} names no configured account`);
  return account;
}

/** Which setting is wrong and how; never its value. */
export interface ConfigProblem {
  setting: string;
  problem: string;
}

export type ConfigResult = Result<ProxyConfig, ConfigProblem>;

let cached: { env: unknown; result: ConfigResult } | undefined;

type Parsed = z.infer<typeof configSchema>;
type Refused = { ok: false; error: ConfigProblem };
const refused = (setting: string, problem: string): Refused => err({ setting, problem });

function defaultAccount(c: Parsed): SpendgoAccount | Refused | null {
  const single = {
    SPENDGO_API_KEY: c.SPENDGO_API_KEY,
    SPENDGO_API_SECRET: c.SPENDGO_API_SECRET,
    SPENDGO_ACCOUNT_ID: c.SPENDGO_ACCOUNT_ID,
    SPENDGO_OAUTH_CLIENT_ID: c.SPENDGO_OAUTH_CLIENT_ID,
    SPENDGO_OAUTH_CLIENT_SECRET: c.SPENDGO_OAUTH_CLIENT_SECRET,
  };
  const missing = Object.entries(single).find(([, value]) => value === undefined)?.[0];
  if (missing === undefined) {
    const mobile = mobileOf(
      { SPENDGO_MOBILE_API_KEY: c.SPENDGO_MOBILE_API_KEY, SPENDGO_WEB_CONTEXT: c.SPENDGO_WEB_CONTEXT },
      c.SPENDGO_MOBILE_API_SECRET,
      'SPENDGO_MOBILE_API_SECRET',
    );
    if (mobile && 'ok' in mobile) return mobile;
    return {
      id: DEFAULT_ACCOUNT,
      accountId: single.SPENDGO_ACCOUNT_ID!,
      apiKey: single.SPENDGO_API_KEY!,
      apiSecret: single.SPENDGO_API_SECRET!,
      oauthClientId: single.SPENDGO_OAUTH_CLIENT_ID!,
      oauthClientSecret: single.SPENDGO_OAUTH_CLIENT_SECRET!,
      mobile,
    };
  }
  const given = Object.values(single).some((value) => value !== undefined);
  // Half a default account is a mistake; none at all is fine when SPENDGO_ACCOUNTS names them.
  return given || !c.SPENDGO_ACCOUNTS ? refused(missing, 'required') : null;
}

function buildAccounts(c: Parsed): Map<string, SpendgoAccount> | Refused {
  const accounts = new Map<string, SpendgoAccount>();
  const fallback = defaultAccount(c);
  if (fallback && 'ok' in fallback) return fallback;
  if (fallback) accounts.set(fallback.id, fallback);
  for (const account of c.SPENDGO_ACCOUNTS ?? []) {
    if (accounts.has(account.id)) return refused('SPENDGO_ACCOUNTS', 'duplicate id');
    const secrets = c.SPENDGO_ACCOUNT_SECRETS?.[account.id];
    if (!secrets) return refused('SPENDGO_ACCOUNT_SECRETS', `no secrets for ${account.id}`);
    const mobile = mobileOf(
      { mobile_api_key: account.mobile_api_key, web_context: account.web_context },
      secrets.mobile_api_secret,
      'SPENDGO_ACCOUNT_SECRETS',
    );
    if (mobile && 'ok' in mobile) return mobile;
    accounts.set(account.id, {
      id: account.id,
      accountId: account.account_id,
      apiKey: account.api_key,
      apiSecret: secrets.api_secret,
      oauthClientId: account.oauth_client_id,
      oauthClientSecret: secrets.oauth_client_secret,
      mobile,
    });
  }
  return accounts;
}

/** An account's mobile credentials: all three settings or none (half of them is a mistake). */
function mobileOf(
  publicParts: Record<string, string | undefined>,
  secret: string | undefined,
  secretSetting: string,
): MobileCredentials | Refused | null {
  const [[keySetting, apiKey], [contextSetting, webContext]] = Object.entries(publicParts) as [
    [string, string | undefined],
    [string, string | undefined],
  ];
  if (apiKey === undefined && webContext === undefined && secret === undefined) return null;
  if (apiKey === undefined) return refused(keySetting, 'required with the other mobile API settings');
  if (webContext === undefined) return refused(contextSetting, 'required with the other mobile API settings');
  if (secret === undefined) return refused(secretSetting, 'the mobile API secret is required with its key');
  return { apiKey, apiSecret: secret, webContext };
}

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
    const secret = c.WIDGET_CLIENT_SECRETS?.[client.client_id] ?? client.merchant_secret;
    const webhookSecret = c.WEBHOOK_SECRETS?.[client.client_id];
    if (client.webhook_url !== undefined && webhookSecret === undefined)
      return refused('WEBHOOK_SECRETS', `no webhook secret for ${client.client_id}`);
    const unsafe = unsafeClientSetting(client, secret, webhookSecret, publicDeployment);
    if (unsafe) return refused(unsafe.setting, `${client.client_id}: ${unsafe.detail}`);
    const { webhook_secret: _never, ...declared } = client;
    clients.set(client.client_id, {
      ...declared,
      ...(secret && { merchant_secret: secret }),
      ...(client.webhook_url !== undefined && webhookSecret !== undefined && { webhook_secret: webhookSecret }),
    });
  }
  const demo = demoCredentialOnPublicHost(c.PROXY_PUBLIC_URL, accounts, clients);
  if (demo) return refused(demo, 'a published demo value on a public deployment');
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
    if (client.merchant_secret !== undefined && publishedDemoValue(client.merchant_secret))
      return 'WIDGET_CLIENT_SECRETS';
    if (client.webhook_secret !== undefined && publishedDemoValue(client.webhook_secret)) return 'WEBHOOK_SECRETS';
  }
  return null;
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
