// Who did what to an order, by hand: each change a person made through the merchant API (the
// console, or a merchant's own tool that sends `Spendgo-Operator`), kept with the order. Pure.
// A backend's own calls name nobody and leave no entry; the events themselves are the record
// of those. The operator is who the caller says (the console: the Access-verified email).

import * as z from 'zod';
import type { auditActions } from '../../../shared/wire';

export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  /** Unix ms. */
  at: number;
  operator: string;
  action: AuditAction;
  /** The event acted on (redrive, confirm), when there is one. */
  seq: number | null;
}

/** The `Spendgo-Operator` header: an email or a name, printable, at most 254 characters. */
export const OPERATOR_HEADER = 'Spendgo-Operator';
export const operatorSchema = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .regex(/^[^\p{Cc}]+$/u, 'printable characters only');

/** The most kept per order: the oldest go first (an order is touched by hand a few times). */
export const AUDIT_LIMIT = 50;

export function withAudit<T extends { audit: readonly AuditEntry[] }>(
  state: T,
  operator: string | undefined,
  action: AuditAction,
  at: number,
  seq: number | null = null,
): T {
  if (operator === undefined) return state;
  return { ...state, audit: [...state.audit, { at, operator, action, seq }].slice(-AUDIT_LIMIT) };
}
