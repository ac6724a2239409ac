// Injected faults, so reliability can be shown: fixed latency, and per-request rates of 5xx,
// timeouts, 429s and dropped responses (applied, then the answer lost), or an exact `sequence`
// of outcomes for tests that need a failure on cue. Pure: randomness is passed in.

import * as z from 'zod';

export const faultOutcomes = ['ok', 'error', 'timeout', 'rate_limit', 'drop'] as const;
export type FaultOutcome = (typeof faultOutcomes)[number];

const rate = z.number().min(0).max(1);

export const faultSettingsSchema = z
  .strictObject({
    latency_ms: z.number().int().min(0).max(30_000).default(0),
    error_rate: rate.default(0),
    timeout_rate: rate.default(0),
    rate_limit_rate: rate.default(0),
    drop_rate: rate.default(0),
    /** How long a `timeout` holds the request before answering 504. */
    timeout_ms: z.number().int().min(10).max(120_000).default(10_000),
    /** Outcomes for the next requests, consumed in order before the rates apply. */
    sequence: z.array(z.enum(faultOutcomes)).max(1_000).default([]),
  })
  .refine((f) => f.error_rate + f.timeout_rate + f.rate_limit_rate + f.drop_rate <= 1, {
    message: 'the rates add up to more than 1',
  });
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const NO_FAULTS: FaultSettings = faultSettingsSchema.parse({});

export interface FaultDecision {
  outcome: FaultOutcome;
  latencyMs: number;
  timeoutMs: number;
  /** The settings after this request (the sequence may have been consumed). */
  next: FaultSettings;
}

/** `random` is uniform in [0, 1). */
export function decideFault(settings: FaultSettings, random: number): FaultDecision {
  const [head, ...rest] = settings.sequence;
  const common = { latencyMs: settings.latency_ms, timeoutMs: settings.timeout_ms };
  if (head) return { ...common, outcome: head, next: { ...settings, sequence: rest } };
  let threshold = 0;
  const rates: [FaultOutcome, number][] = [
    ['error', settings.error_rate],
    ['timeout', settings.timeout_rate],
    ['rate_limit', settings.rate_limit_rate],
    ['drop', settings.drop_rate],
  ];
  for (const [outcome, share] of rates) {
    threshold += share;
    if (random < threshold) return { ...common, outcome, next: settings };
  }
  return { ...common, outcome: 'ok', next: settings };
}
