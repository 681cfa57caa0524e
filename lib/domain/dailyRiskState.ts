import * as z from 'zod';

/** The day's loss latch: once the limit is hit, no new entries until the next UTC day. */
export interface DailyRiskState {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  /** Equity at the first look of the day, a decimal string in the quote currency. */
  readonly startEquity: string;
  readonly limitHit: boolean;
}

export const DailyRiskStateSchema = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  startEquity: z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal string'),
  limitHit: z.boolean(),
}) satisfies z.ZodType<DailyRiskState>;
