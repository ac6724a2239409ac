// When the merchant client tries a call again: only a retryable failure (no answer, 429, a
// retryable 5xx, an unreadable success), at most `attempts` times, after an exponential backoff
// with full jitter, or the proxy's Retry-After when it gives one, capped. Events keep their
// Idempotency-Key across attempts, so a retry can never apply one twice. Pure.

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retries). */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRIES: RetryPolicy = { attempts: 3, baseMs: 250, capMs: 8_000 };

/** How long to wait before attempt `next` (2, 3, …): Retry-After if given, else full jitter. */
export function retryDelayMs(
  policy: RetryPolicy,
  next: number,
  retryAfter: string | null,
  random: () => number,
): number {
  const hinted = retryAfter !== null && /^\d{1,5}$/.test(retryAfter) ? Number(retryAfter) * 1000 : null;
  if (hinted !== null) return Math.min(policy.capMs, hinted);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (next - 2));
  return Math.round(ceiling * random());
}
