// The merchant client's errors: one class per family of the proxy's error codes, all of them a
// MerchantApiError (so `instanceof MerchantApiError` and `.code` keep working), each with the
// proxy's request id to quote to support. A connection that failed or timed out is a
// MerchantConnectionError, retryable, with no status.

import type { OrderView } from '../shared/wire-types';

export class MerchantApiError extends Error {
  /** The HTTP status; 0 when no answer came (MerchantConnectionError). */
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  /** For 409 invalid_transition and other refusals that carry it: the order as it stands. */
  readonly order: OrderView | undefined;
  /** The proxy's X-Request-Id for the answer (its log line has the same); null when none came. */
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    retryable: boolean,
    order: OrderView | undefined,
    requestId: string | null = null,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.retryable = retryable;
    this.order = order;
    this.requestId = requestId;
  }
}

/** 401: the merchant secret or the request's signature (invalid_signature, signature_replayed). */
export class MerchantAuthenticationError extends MerchantApiError {}
/** 400, 404, 413, 415, 422: the request itself (fix it; retrying the same one will not help). */
export class MerchantInvalidRequestError extends MerchantApiError {}
/** 409: the order's state refuses it (invalid_transition, event_conflict, recheckout_required…). */
export class MerchantConflictError extends MerchantApiError {}
/** 429: too many requests; retried for you, then thrown. */
export class MerchantRateLimitError extends MerchantApiError {}
/** 5xx: the proxy or Spendgo behind it (upstream_*, internal_error); retryable ones are retried. */
export class MerchantServerError extends MerchantApiError {}
/** No answer: the network failed or the call timed out. Retried for you, then thrown. */
export class MerchantConnectionError extends MerchantApiError {}

/** The error class for an answer's status. */
export function errorClassFor(status: number): typeof MerchantApiError {
  if (status === 401 || status === 403) return MerchantAuthenticationError;
  if (status === 409) return MerchantConflictError;
  if (status === 429) return MerchantRateLimitError;
  if (status >= 500) return MerchantServerError;
  return MerchantInvalidRequestError;
}
