import * as z from 'zod';

/** How the exchange gateway retries a call the venue failed (5xx, 429, timeouts). */
export const RetryPolicySchema = z
  .strictObject({
    /** Attempts in all, the first included. */
    maxAttempts: z.number().int().min(1).max(20).default(4),
    baseDelayMs: z.number().int().min(0).max(60_000).default(250),
    maxDelayMs: z.number().int().min(0).max(300_000).default(10_000),
  })
  .refine((policy) => policy.maxDelayMs >= policy.baseDelayMs, { message: 'must be at least baseDelayMs', path: ['maxDelayMs'] });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

const instant = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]).transform((v) => (typeof v === 'number' ? v : Date.parse(v)));
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (UTC)');

/** When the gateway sends no order (exchange maintenance); reads are unaffected. */
export const PauseWindowsSchema = z.strictObject({
  /** Announced maintenance: [from, to) in epoch ms or ISO 8601 with an offset. */
  windows: z
    .array(z.strictObject({ from: instant, to: instant }).refine((w) => w.to > w.from, { message: 'to must be after from' }))
    .default([]),
  /** A window repeated every day, in UTC; it may wrap past midnight (23:30 → 00:30). */
  dailyUtc: z
    .strictObject({ from: clockTime, to: clockTime })
    .refine((w) => w.from !== w.to, { message: 'to must differ from from' })
    .optional(),
});
export type PauseWindowsConfig = z.input<typeof PauseWindowsSchema>;
