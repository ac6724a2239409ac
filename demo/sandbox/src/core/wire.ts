// Schemas for the request bodies Spendgo accepts, as the sandbox reads them (docs/spendgo-api.md §5).
// Deliberately written apart from the proxy's client: the sandbox must catch its mistakes.
// Unknown fields pass through, as a tolerant server would; known fields are type-checked.

import * as z from 'zod';

const text = (max: number) => z.string().max(max);
/** A date-time as API v2.1.1 documents `placed` and `wanted`: YYYY-MM-DDTHH:MM:SSZ. */
const spendgoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'a date-time formatted as YYYY-MM-DDTHH:MM:SSZ')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a real date-time');
const money = z.number().min(0).max(10_000_000);
const categories = z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]).nullish();

export interface Modifier {
  label: string;
  cost: number;
  quantity: number;
  product?: string | null | undefined;
  categories?: string | string[] | null | undefined;
  modifiers?: Modifier[] | undefined;
}

const modifier: z.ZodType<Modifier> = z.lazy(() =>
  z.looseObject({
    label: text(200),
    cost: z.number().min(-10_000_000).max(10_000_000),
    quantity: z.number().int().min(1).max(10_000),
    product: text(100).nullish(),
    categories,
    modifiers: z.array(modifier).max(50).optional(),
  }),
);

const posEntry = z.looseObject({
  posItem: z.looseObject({
    label: text(200).min(1),
    cost: money,
    product: text(100).nullish(),
    categories,
    modifiers: z.array(modifier).max(50).optional(),
  }),
  quantity: z.number().int().min(1).max(10_000),
});

const basketReward = z.looseObject({
  provider: text(50).optional(),
  id: text(64).min(1),
  level: text(20).optional(),
  discount: money.optional(),
  product: text(100).nullish(),
});

export const orderStatuses = ['checkout', 'placed', 'billed', 'completed', 'voided', 'refunded'] as const;
export type OrderRequestStatus = (typeof orderStatuses)[number];

const payment = z.looseObject({
  tender: text(20).optional(),
  issuer: text(20).optional(),
  suffix: z.union([text(10), z.number()]).optional(),
  amount: money.optional(),
});

export const orderRequestSchema = z.looseObject({
  status: z.enum(orderStatuses),
  vendor: text(64).min(1),
  brand: text(64).min(1),
  source: z.enum(['web', 'mobileweb', 'mobileapp', 'instore']),
  subtotal: money,
  id: text(64).min(1).optional(),
  transaction: text(64).min(1).optional(),
  type: z.enum(['regular', 'catering']).optional(),
  rendition: z.enum(['onsite', 'pickup', 'delivery']).optional(),
  currency: text(3).nullish(),
  placed: spendgoDateTime.optional(),
  wanted: spendgoDateTime.optional(),
  tax: money.optional(),
  tip: money.optional(),
  delivery: money.optional(),
  discount: money.optional(),
  total: money.optional(),
  address: z.array(z.looseObject({})).max(10).optional(),
  // docs/spendgo-api.md A11: documented as an array, sent as one object in the docs' example.
  payments: z.union([z.array(payment).max(20), payment]).optional(),
  basket: z.looseObject({
    uuid: text(100).optional(),
    rewards: z.array(basketReward).max(10).optional(),
    posEntries: z.array(posEntry).max(500),
  }),
});
export type OrderRequest = z.infer<typeof orderRequestSchema>;
export type PosEntry = z.infer<typeof posEntry>;

export const createMemberSchema = z.looseObject({
  customer: z.looseObject({
    phone: text(40),
    email: z.email().max(254).optional(),
    name: z.looseObject({ first: text(100).optional(), last: text(100).optional() }).optional(),
    password: text(200).optional(),
    dob: text(10).nullish(),
    gender: text(10).optional(),
    sms_opt_in: z.boolean().optional(),
    email_opt_in: z.boolean().optional(),
    verify_email: z.boolean().optional(),
  }),
});
export type CreateMemberRequest = z.infer<typeof createMemberSchema>;

/** The mobile API's member status request: a phone or an email, not both (API v2.1.1). */
export const lookupSchema = z
  .strictObject({
    phone: text(40).optional(),
    email: z.string().max(254).optional(),
    check_email_validated_status: z.boolean().optional(),
  })
  .refine((r) => (r.phone === undefined) !== (r.email === undefined), 'exactly one of phone or email');
export type LookupRequest = z.infer<typeof lookupSchema>;

/** The first schema problem, as a sentence naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `Invalid request: ${path.replace(/^\./, '') || 'body'}: ${issue.message}`;
}
