// Expected failures are values: a Result is either `{ ok: true, value }` or `{ ok: false, error }`,
// the one shape the proxy and the shared modules use for every outcome a caller must handle.

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
