// GET /openapi.json: the OpenAPI 3.1 description of every route, its request and response
// bodies generated from the same zod schemas that validate them (shared/wire.ts).

import { Hono } from 'hono';
import * as z from 'zod';
import { CLIENT_HEADER, SIGNATURE_HEADER } from '../../../shared/merchant-signature';
import {
  balanceSchema,
  checkoutRequestSchema,
  checkoutResponseSchema,
  errorBodySchema,
  orderEventResultSchema,
  confirmEventSchema,
  orderEventSchema,
  orderViewSchema,
  rewardsSchema,
} from '../../../shared/wire';
import type { ProxyEnv } from '../context';
import { ERRORS } from '../http-errors';
import { publicCors } from '../middleware/cors';

export const openapi = new Hono<ProxyEnv>();

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});

const errorResponse = (description: string) => ({ description, content: json(errorBodySchema) });
const oauthErrorBody = {
  'application/json': {
    schema: { type: 'object', properties: { error: { type: 'string' }, error_description: { type: 'string' } } },
  },
};
const form = (properties: Record<string, string>, required: string[]) => ({
  required: true,
  content: {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        required,
        properties: Object.fromEntries(
          Object.keys(properties).map((k) => [k, { type: 'string', description: properties[k] }]),
        ),
      },
    },
  },
});
const query = (name: string, description: string, required = true) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});
const memberSecurity = [{ dpop: [] }];
const merchantSecurity = [{ merchantSignature: [], merchantClient: [] }];
const orderIdParam = {
  name: 'order_id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

function buildDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'spendgo-loyalty proxy',
      version: '0.1.0',
      description:
        'Holds every Spendgo secret and performs every Spendgo call for the <spendgo-loyalty> widget. ' +
        `Errors are {"error":{"code","message","retryable"}}; codes: ${Object.keys(ERRORS).join(', ')}. ` +
        'The /oauth endpoints answer errors in the RFC 6749 format.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        dpop: {
          type: 'http',
          scheme: 'DPoP',
          description: 'A DPoP-bound access token from /oauth/token, with a DPoP proof header (RFC 9449).',
        },
        merchantSignature: {
          type: 'apiKey',
          in: 'header',
          name: SIGNATURE_HEADER,
          description:
            't=<unix seconds>,n=<fresh nonce>,v1=<hex HMAC-SHA256(merchant secret, "<t>.<nonce>.<METHOD>.<path?query>.<client_id>.<Idempotency-Key or empty>.<raw body>")>, within 300 s of the proxy clock; each signature is accepted once.',
        },
        merchantClient: {
          type: 'apiKey',
          in: 'header',
          name: CLIENT_HEADER,
          description: 'The widget client whose merchant secret signed the request.',
        },
      },
    },
    paths: {
      '/.well-known/openid-configuration': {
        get: { summary: 'OpenID Provider metadata', responses: { 200: { description: 'Metadata' } } },
      },
      '/oauth/jwks': {
        get: { summary: 'Public keys that sign ID tokens', responses: { 200: { description: 'A JWK set' } } },
      },
      '/oauth/authorize': {
        get: {
          summary: 'Start a member sign-in (authorization code + PKCE S256); redirects to Spendgo',
          parameters: [
            query('client_id', 'The widget client'),
            query('redirect_uri', 'Exactly one of the client’s registered redirect URIs'),
            query('response_type', 'code'),
            query('scope', 'Must include openid'),
            query('state', 'Opaque value returned unchanged'),
            query('code_challenge', 'S256 PKCE challenge'),
            query('code_challenge_method', 'S256'),
            query('nonce', 'Echoed in the ID token', false),
            query('dpop_jkt', 'Binds the code to a DPoP key', false),
          ],
          responses: {
            302: { description: 'To Spendgo, or back to the storefront with an OAuth error' },
            400: { description: 'Unknown client or redirect URI (HTML page)' },
          },
        },
      },
      '/oauth/callback': {
        get: {
          summary: 'Spendgo’s return address (the one URL to whitelist with Spendgo)',
          parameters: [
            query('state', 'The sealed request'),
            query('code', 'Spendgo’s code', false),
            query('error', 'Spendgo’s error', false),
          ],
          responses: {
            302: { description: 'Back to the storefront with the proxy’s code, or an OAuth error' },
            400: { description: 'Expired or forged state (HTML page)' },
          },
        },
      },
      '/oauth/token': {
        post: {
          summary: 'Exchange a code (with PKCE) or rotate a refresh token; requires a DPoP proof',
          parameters: [{ name: 'DPoP', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: form(
            {
              grant_type: 'authorization_code or refresh_token',
              client_id: 'The widget client',
              code: 'The proxy’s code',
              redirect_uri: 'As sent to /oauth/authorize',
              code_verifier: 'PKCE verifier',
              refresh_token: 'For refresh_token',
            },
            ['grant_type', 'client_id'],
          ),
          responses: {
            200: { description: 'access_token (DPoP, 5 minutes), id_token (ES256), refresh_token (rotating)' },
            400: {
              description:
                'invalid_request, invalid_grant, invalid_dpop_proof, or use_dpop_nonce (with a DPoP-Nonce header: send again with it)',
              content: oauthErrorBody,
            },
            401: { description: 'invalid_client', content: oauthErrorBody },
          },
        },
      },
      '/oauth/revoke': {
        post: {
          summary: 'Sign out: revoke a refresh or access token (RFC 7009)',
          requestBody: form({ token: 'The token', client_id: 'The widget client' }, ['token', 'client_id']),
          responses: { 200: { description: 'Always, once the request is well formed' } },
        },
      },
      '/oauth/userinfo': {
        get: {
          summary: 'The signed-in member’s pairwise subject and given name',
          security: memberSecurity,
          responses: {
            200: { description: '{ sub, given_name }' },
            401: errorResponse('No valid token or proof; use_dpop_nonce: send again with the DPoP-Nonce given'),
          },
        },
      },
      '/v1/balance': {
        get: {
          summary: 'The member’s points or visits balance and available rewards',
          security: memberSecurity,
          responses: {
            200: { description: 'Balance', content: json(balanceSchema) },
            401: errorResponse('No valid token or proof; use_dpop_nonce: send again with the DPoP-Nonce given'),
            503: errorResponse('Spendgo unavailable'),
          },
        },
      },
      '/v1/rewards': {
        get: {
          summary: 'Rewards the member can redeem at a store enabled for the client',
          security: memberSecurity,
          parameters: [query('store', 'Store code')],
          responses: {
            200: { description: 'Rewards', content: json(rewardsSchema) },
            401: errorResponse('No valid token or proof; use_dpop_nonce: send again with the DPoP-Nonce given'),
            403: errorResponse('store_not_allowed'),
          },
        },
      },
      '/v1/checkout': {
        post: {
          summary:
            'Validate a cart and at most one reward with Spendgo (changes nothing); members send a token, guests send client_id',
          security: [...memberSecurity, {}],
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 } },
          ],
          requestBody: { required: true, content: json(checkoutRequestSchema, 'input') },
          responses: {
            200: {
              description: 'The validated discount, or Spendgo’s customer-facing message',
              content: json(checkoutResponseSchema),
            },
            400: errorResponse('invalid_request or idempotency_key_required'),
            403: errorResponse('origin_not_allowed or store_not_allowed'),
            422: errorResponse(
              'cart_mismatch, reward_requires_member, reward_amount_not_allowed or idempotency_key_reused',
            ),
            503: errorResponse('Spendgo unavailable'),
          },
        },
      },
      '/v1/orders/{order_id}/events': {
        post: {
          summary:
            'Merchant backend: accept a lifecycle event (placed states the order: checkout_id, store, items, subtotal); 202 once durable, then delivered to Spendgo in order',
          security: merchantSecurity,
          parameters: [
            orderIdParam,
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 } },
          ],
          requestBody: { required: true, content: json(orderEventSchema, 'input') },
          responses: {
            202: { description: 'Accepted and stored', content: json(orderEventResultSchema) },
            200: {
              description: 'This event was already accepted for the order',
              content: json(orderEventResultSchema),
            },
            401: errorResponse('invalid_signature or signature_replayed'),
            403: errorResponse('forbidden (a browser credential or Origin)'),
            404: errorResponse('order_not_found or checkout_not_found'),
            409: errorResponse(
              'invalid_transition or event_conflict (with the order), recheckout_required, checkout_used or checkout_expired',
            ),
            422: errorResponse('discount_too_high, total_mismatch, cart_mismatch or idempotency_key_reused'),
          },
        },
      },
      '/v1/orders/{order_id}': {
        get: {
          summary: 'Merchant backend: the order, each event’s delivery state and Spendgo’s transaction id',
          security: merchantSecurity,
          parameters: [orderIdParam],
          responses: {
            200: { description: 'The order', content: json(orderViewSchema) },
            401: errorResponse('invalid_signature or signature_replayed'),
            404: errorResponse('order_not_found'),
          },
        },
      },
      '/v1/orders/{order_id}/events/{seq}/redrive': {
        post: {
          summary: 'Merchant backend: send a stopped event (dead-lettered or needing reconciliation) again',
          security: merchantSecurity,
          parameters: [orderIdParam, { name: 'seq', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            202: { description: 'The order', content: json(orderViewSchema) },
            409: errorResponse('not_dead_lettered'),
          },
        },
      },
      '/v1/orders/{order_id}/events/{seq}/confirm': {
        post: {
          summary:
            'Merchant backend: record that Spendgo applied a stopped event (checked at Spendgo); it is not sent again',
          security: merchantSecurity,
          parameters: [orderIdParam, { name: 'seq', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: { required: false, content: json(confirmEventSchema, 'input') },
          responses: {
            202: { description: 'The order', content: json(orderViewSchema) },
            409: errorResponse('not_dead_lettered'),
          },
        },
      },
    },
  };
}

let cached: { url: string; body: string } | undefined;

openapi.get('/openapi.json', publicCors, (c) => {
  const url = c.var.config.publicUrl;
  if (cached?.url !== url) cached = { url, body: JSON.stringify(buildDocument(url)) };
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(cached.body, 200, { 'Content-Type': 'application/json' });
});
