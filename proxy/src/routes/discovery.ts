// OpenID Provider metadata and the public signing key set of the broker.

import { Hono } from 'hono';
import type { ProxyEnv } from '../context';
import { publicCors } from '../middleware/cors';
import { keysFor } from '../oidc/keys';

export const discovery = new Hono<ProxyEnv>();

discovery.use('/.well-known/openid-configuration', publicCors);
discovery.use('/oauth/jwks', publicCors);

discovery.get('/.well-known/openid-configuration', (c) => {
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

discovery.get('/oauth/jwks', async (c) => {
  const keys = await keysFor(c.var.config);
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({ keys: [keys.publicJwk] });
});
