// The Spendgo accounts the proxy speaks for: the SPENDGO_API_KEY… settings make the account
// named "default"; more come from SPENDGO_ACCOUNTS (public parts) and SPENDGO_ACCOUNT_SECRETS (a
// secret). Each may have mobile API credentials (join at checkout's member lookup). Widget
// clients name their account. Pure: settings in, accounts or the setting that is wrong out.

import * as z from 'zod';
import { err } from '../../shared/result';
import { ACCOUNT_ID, DEFAULT_ACCOUNT } from './client-config';
import { jsonOf } from './config-rules';

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

/** The settings this module reads, as part of the proxy's configuration schema. */
export const accountSettings = {
  SPENDGO_API_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'the default account: the signed-request API key' }),
  SPENDGO_API_SECRET: z
    .base64()
    .min(4)
    .optional()
    .meta({ description: 'the default account: the base64 signing secret', secret: true }),
  SPENDGO_ACCOUNT_ID: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "the default account's id, sent as the orders' `brand`" }),
  SPENDGO_OAUTH_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "the default account's Spendgo OAuth client id" }),
  SPENDGO_OAUTH_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "the default account's Spendgo OAuth client secret", secret: true }),
  SPENDGO_MOBILE_API_KEY: z.string().min(1).optional().meta({
    description: "the default account's mobile API key (join at checkout's member lookup); with the next two or none",
  }),
  SPENDGO_MOBILE_API_SECRET: z
    .base64()
    .min(4)
    .optional()
    .meta({ description: "the default account's mobile API secret (base64)", secret: true }),
  SPENDGO_WEB_CONTEXT: webContext.optional().meta({ description: "the default account's mobile API web context" }),
  SPENDGO_ACCOUNTS: jsonOf(z.array(accountSchema)).optional().meta({
    description:
      'more accounts: JSON list of `{ id, account_id, api_key, oauth_client_id, mobile_api_key?, web_context? }`',
  }),
  SPENDGO_ACCOUNT_SECRETS: jsonOf(accountSecretsSchema).optional().meta({
    description: 'their secrets: JSON `{ id: { api_secret, oauth_client_secret, mobile_api_secret? } }`',
    secret: true,
  }),
};
export type AccountSettings = z.infer<z.ZodObject<typeof accountSettings>>;

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

/** Which setting is wrong and how; never its value. */
export interface ConfigProblem {
  setting: string;
  problem: string;
}

export type Refused = { ok: false; error: ConfigProblem };
export const refused = (setting: string, problem: string): Refused => err({ setting, problem });

function defaultAccount(c: AccountSettings): SpendgoAccount | Refused | null {
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

export function buildAccounts(c: AccountSettings): Map<string, SpendgoAccount> | Refused {
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
