// How a route is declared: once, with @hono/zod-openapi, as its path, its input schemas (the
// ones that validate it), its answers and its refusals. Validation, the handler's types and
// /openapi.json all come from that one declaration. This module holds what the declarations
// share: the app factory with its one mapping of invalid input to our error codes, the
// response helpers built from the error table, and the document's frame and security schemes.

import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import * as z from 'zod';
import { CLIENT_HEADER, SIGNATURE_HEADER } from '../../shared/merchant-signature';
import { cartModifierSchema, errorBodySchema } from '../../shared/wire';
import type { ProxyEnv } from './context';
import { ERRORS, fail, type ErrorCode } from './http-errors';
import { operatorSchema } from './order-ledger/audit';

const JSON_BODY = /^application\/json\s*(;|$)/i;

/**
 * What an invalid input answers: a missing or malformed Idempotency-Key is
 * idempotency_key_required; a body not declared as JSON is 415; a bad body names its first bad
 * field; a bad path or query parameter answers `message` (the route says what it expects).
 */
export function invalidInput<E extends Env, I, P extends string>(
  message = 'The request is invalid.',
): Hook<I, E, P, Response | undefined> {
  return (result, c) => {
    if (result.success) return;
    if (result.target === 'header') {
      const issue = result.error.issues[0];
      if (issue?.path[0] === 'spendgo-operator')
        return fail(c, 'invalid_request', `Invalid Spendgo-Operator header: ${issue.message}.`);
      return fail(c, 'idempotency_key_required');
    }
    if (result.target !== 'json') return fail(c, 'invalid_request', message);
    if (!JSON_BODY.test(c.req.header('Content-Type') ?? '')) return fail(c, 'unsupported_media_type');
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    return fail(c, 'invalid_request', `Invalid ${where}: ${issue?.message ?? 'invalid value'}.`);
  };
}

/** A group of routes; invalid input answers as invalidInput() says unless a route says more. */
export const routes = <E extends Env = ProxyEnv>() =>
  new OpenAPIHono<E>({ defaultHook: invalidInput<E, unknown, string>() });

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header every state-changing JSON route requires. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).meta({
    description: 'One key per intended operation, 1–255 visible characters; a retry sends the same key.',
  }),
});

/** Who acts by hand (the console's operator, or a merchant tool's user), kept in the order's audit. */
export const operatorHeaders = z.object({
  'spendgo-operator': operatorSchema.optional().meta({
    description:
      'The person making this change by hand (an email or a name, ≤ 254 printable characters); recorded in the order’s audit. Omit it for a backend’s own calls.',
  }),
});

export const jsonContent = <S extends z.ZodType>(schema: S) => ({ 'application/json': { schema } });

/** Descriptions only, as far as the types go: see answers(). */
type Described = Record<number, { description: string }>;

/**
 * A route's answers: its successes as given, then the error answers it may give, grouped by
 * status, each listing its codes, all in the error body's schema. The errors are typed as
 * described responses only: a handler answers an error through fail() (one shape for every
 * route), while its successes stay checked against their schemas.
 */
export function answers<T extends object>(successes: T, ...codes: ErrorCode[]): T & Described {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  const errors = Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      { description: list.join(' or '), content: jsonContent(errorBodySchema) },
    ]),
  );
  return { ...errors, ...successes };
}

/** RFC 6749's error body, which every /oauth/* refusal uses. */
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string(), request_id: z.string() });

/** A /oauth/* route's answers: its successes, then its RFC 6749 errors by status. */
export function oauthAnswers<T extends object>(successes: T, errors: Record<number, string>): T & Described {
  const described = Object.entries(errors).map(
    ([status, description]) => [status, { description, content: jsonContent(oauthErrorSchema) }] as const,
  );
  return { ...Object.fromEntries(described), ...successes };
}

/** A form body's declaration, from the zod schema the route's own form reader validates with. */
export const formContent = (schema: z.ZodType) => ({
  'application/x-www-form-urlencoded': { schema: z.toJSONSchema(schema) as Record<string, unknown> },
});

export const memberSecurity = [{ dpop: [] }];
export const merchantSecurity = [{ merchantSignature: [], merchantClient: [] }];

/** The document's shared components (security schemes, the recursive cart modifier), registered
 * once on the app that serves /openapi.json. */
export function registerComponents(app: OpenAPIHono<ProxyEnv>): void {
  // Recursive: it must be a named schema the document refers to, or generation never ends.
  // Named in the generator's own metadata registry, not with `.openapi()`, which only schemas
  // created after zod is extended carry (the wire schemas are plain zod, made first).
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- marked so only as "use with care"
  zodToOpenAPIRegistry.add(cartModifierSchema, { _internal: { refId: 'CartModifier' } });
  app.openAPIRegistry.registerComponent('securitySchemes', 'dpop', {
    type: 'http',
    scheme: 'DPoP',
    description: 'A DPoP-bound access token from /oauth/token, with a DPoP proof header (RFC 9449).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'merchantSignature', {
    type: 'apiKey',
    in: 'header',
    name: SIGNATURE_HEADER,
    description:
      't=<unix seconds>,n=<fresh nonce>,v1=<hex HMAC-SHA256(merchant secret, "<t>.<nonce>.<METHOD>.<path?query>.<client_id>.<Idempotency-Key or empty>.<raw body>")>, within 300 s of the proxy clock; each signature is accepted once.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'merchantClient', {
    type: 'apiKey',
    in: 'header',
    name: CLIENT_HEADER,
    description: 'The widget client whose merchant secret signed the request.',
  });
}

/** The document's frame; paths come from the declarations. */
export const documentFrame = (serverUrl: string) => ({
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
});
