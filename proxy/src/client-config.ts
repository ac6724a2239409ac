// One widget client's configuration (an entry of WIDGET_CLIENTS): who it is, where its requests
// may come from and return to, its stores, its Spendgo account, its holds and its webhook. A
// `web` client is a storefront page, known by its exact origins; a `native` client is an app
// (RFC 8252), which has no origin and returns to a claimed https URL, a reverse-DNS scheme or
// the loopback interface. Pure schema; env.ts reads it with the rest of the configuration.

import * as z from 'zod';
import { storeCodeSchema } from '../../shared/wire';
import { merchantSecretSchema, originSchema, redirectUriSchema, webhookUrlSchema } from './config-rules';
import { nativeRedirectKind } from './native-redirects';

export const DEFAULT_ACCOUNT = 'default';
export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const widgetClientSchema = z
  .strictObject({
    client_id: z.string().regex(/^[A-Za-z0-9_-]{3,100}$/),
    /** `web` (a storefront page, the default) or `native` (an iOS, Android or desktop app). */
    type: z.enum(['web', 'native']).default('web'),
    /** A web client's exact origins; a native client has none. */
    origins: z.array(originSchema).default([]),
    /** Exact redirect URIs; a native client's loopback ones match on any port. */
    redirect_uris: z.array(z.string().max(2000)).min(1),
    stores: z.array(storeCodeSchema).min(1),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
    /** The Spendgo account (SPENDGO_ACCOUNTS id) whose credentials serve this client. */
    account: z.string().regex(ACCOUNT_ID).default(DEFAULT_ACCOUNT),
    /** How long a placed, unbilled order holds its checkout and reward before the proxy voids it
     * (seconds; default 7 days, a card authorisation's usual life). `hold_until` overrides it per order. */
    hold_seconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(7 * 24 * 3600),
    /** For an order with a time (`wanted`: a reservation, a pickup), how long after it the hold
     * runs (seconds; default 2 hours), within the 30-day cap. */
    hold_after_wanted_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(2 * 3600),
    /** The merchant backend's HMAC secret; may live in WIDGET_CLIENT_SECRETS instead. */
    merchant_secret: merchantSecretSchema.optional(),
    /** Join at checkout (`{}` turns it on): a shopper with no account may join the programme in
     * the widget, whose `join-terms` names the programme's terms. Needs the account's mobile API
     * credentials (the member lookup). */
    join: z
      .strictObject({
        /** How long a sign-in made by joining lasts (seconds; default 1 hour): the phone number
         * is not verified, so the session is only for this visit. */
        session_seconds: z
          .number()
          .int()
          .min(300)
          .max(24 * 3600)
          .default(3600),
      })
      .optional(),
    /** Where the proxy posts signed webhooks about this client's orders (its secret: WEBHOOK_SECRETS). */
    webhook_url: webhookUrlSchema.optional(),
    /** Set from WEBHOOK_SECRETS, never in WIDGET_CLIENTS. */
    webhook_secret: z.never().optional(),
  })
  .superRefine((client, ctx) => {
    const problem = (message: string) => {
      ctx.addIssue({ code: 'custom', message: `${client.client_id}: ${message}` });
    };
    if (client.type === 'native') {
      if (client.origins.length > 0) problem('a native client has no origins (an app sends none)');
      client.redirect_uris.forEach((uri, i) => {
        const kind = nativeRedirectKind(uri);
        if (!kind.ok) problem(`redirect_uris[${i}]: ${kind.why}`);
      });
      return;
    }
    if (client.origins.length === 0) problem('a web client needs at least one origin');
    client.redirect_uris.forEach((uri, i) => {
      if (!redirectUriSchema.safeParse(uri).success)
        problem(`redirect_uris[${i}]: https (http only on a local host), no fragment`);
    });
  });
/** A client as the proxy uses it: its secrets gathered from WIDGET_CLIENT_SECRETS and
 * WEBHOOK_SECRETS. Each list holds one secret, or two while one is rotated (the next one first). */
export type WidgetClient = Omit<z.infer<typeof widgetClientSchema>, 'webhook_secret' | 'merchant_secret'> & {
  /** Any of them signs a merchant request; the first keys the console's sessions. Empty: no merchant API. */
  merchant_secrets: readonly string[];
  /** Each webhook is signed with all of them. Empty when the client has no webhook_url. */
  webhook_secrets: readonly string[];
};
