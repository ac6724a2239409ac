// Reads an OAuth form body (token and revocation requests) strictly: form-encoded as UTF-8 or
// plain ASCII, at most 8 KiB. Parsed from the text, not by the runtime's form reader, which
// throws on other charsets; a body in another charset is refused rather than decoded wrongly.

import type { RequestScope } from '../context';

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;\s*charset=("?)(utf-8|us-ascii)\1\s*)?$/i;
const MAX_FORM_BYTES = 8 * 1024;

/** The form parameters, or null unless the body is form-encoded as UTF-8 (or ASCII) and small. */
export async function readForm(c: RequestScope): Promise<Record<string, string> | null> {
  if (!FORM_TYPE.test(c.req.header('Content-Type') ?? '')) return null;
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_FORM_BYTES) return null;
  const text = await c.req.text();
  if (text.length > MAX_FORM_BYTES) return null;
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) form[key] = value;
  return form;
}
