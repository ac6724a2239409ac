// Reads a JSON request body and validates it with a schema: 415 unless the body is declared as
// JSON (which also forces a CORS preflight, the CSRF guard), 400 naming the first bad field.

import type * as z from 'zod';
import type { RequestScope } from '../context';
import { fail } from '../http-errors';
import { err, ok, type Result } from '../../../shared/result';

export async function readJson<S extends z.ZodType>(
  c: RequestScope,
  schema: S,
): Promise<Result<z.output<S>, Response>> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? ''))
    return err(fail(c, 'unsupported_media_type'));
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    return err(fail(c, 'invalid_request', 'The body is not valid JSON.'));
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return err(fail(c, 'invalid_request', `Invalid ${where}: ${issue?.message ?? 'invalid value'}.`));
}
