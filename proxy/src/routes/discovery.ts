// The broker's public documents: its OpenID Provider metadata (at the root) and the key set
// that signs its ID tokens (in the /oauth app). Readable from any origin, not rate limited.

import { createRoute } from '@hono/zod-openapi';
import { publicCors } from '../middleware/cors';
import { keysFor } from '../oidc/keys';
import { routes } from '../openapi';

export const discovery = routes();
/** Mounted under /oauth, before the sign-in rate limit. */
export const publicKeys = routes();

const metadataRoute = createRoute({
  method: 'get',
  path: '/.well-known/openid-configuration',
  summary: 'OpenID Provider metadata',
  middleware: [publicCors()] as const,
  responses: { 200: { description: 'Metadata (OpenID Connect Discovery 1.0)' } },
});

const jwksRoute = createRoute({
  method: 'get',
  path: '/jwks',
  summary: 'Public keys that sign ID tokens',
  middleware: [publicCors()] as const,
  responses: { 200: { description: 'A JWK set' } },
});

discovery.openapi(metadataRoute, (c) => {
  const issuer = c.var.config.publicUrl;
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    userinfo_endpoint: `${issuer}/oauth/userinfo`,
    jwks_uri: `${issuer}/oauth/jwks`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    authorization_response_iss_parameter_supported: true,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    dpop_signing_alg_values_supported: ['ES256'],
    scopes_supported: ['openid', 'profile'],
    claims_supported: ['sub', 'given_name', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce'],
  });
});

publicKeys.openapi(jwksRoute, async (c) => {
  const keys = await keysFor(c.var.config);
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({ keys: [keys.publicJwk] });
});
