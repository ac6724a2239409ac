// The Hono environment shared by the sandbox's routes, and the small helpers they all use.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { SandboxAccount, SandboxConfig } from '../config';
import { describeIssue } from '../core/wire';
import { spendgoError, type Reply } from '../state/reply';
import type { SandboxState } from '../state/sandbox-state';

export interface SandboxEnv {
  Bindings: Env;
  Variables: {
    config: SandboxConfig;
    state: DurableObjectStub<SandboxState>;
    /** The account whose API key signed the request (loyalty API only). */
    account: SandboxAccount;
    /** The raw request body, read once (bounded) by the signature check. */
    rawBody: string;
    /** A short description for the request log, e.g. "placed 1001". */
    logDetail: string | undefined;
  };
}

export type SandboxContext = Context<SandboxEnv>;

export function send(c: SandboxContext, reply: Reply): Response {
  return c.body(reply.json, reply.status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
}

/** Largest request body the sandbox reads; larger bodies get 413 before any work is done. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The body as text, or null when it is larger than `limit` bytes. */
export async function readLimitedText(request: Request, limit = MAX_BODY_BYTES): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk: ReadableStreamReadResult<Uint8Array> = await reader.read();
    if (chunk.done) break;
    const value = chunk.value;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Parses `text` as JSON matching `schema`, or answers Spendgo's 400/2000 error. */
export function parseJson<S extends z.ZodType>(
  text: string,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; reply: Reply } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reply: spendgoError(400, 2000, 'Malformed JSON body') };
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reply: spendgoError(400, 2000, describeIssue(parsed.error)) };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Member ids and store codes are `[A-Za-z0-9_-]` (docs/spendgo-api.md A3). */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,32}$/;
