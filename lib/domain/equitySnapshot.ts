import * as z from 'zod';

/** The bot's worth at one moment, in its quote currency; money as decimal strings. */
export interface EquitySnapshot {
  readonly time: number;
  readonly quoteCurrency: string;
  readonly equity: string;
  readonly balances: Readonly<Record<string, string>>;
  readonly openPlans: number;
}

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal string');

export const EquitySnapshotSchema = z.strictObject({
  time: z.number().int().nonnegative(),
  quoteCurrency: z.string().min(1),
  equity: decimalString,
  balances: z.record(z.string(), decimalString),
  openPlans: z.number().int().nonnegative(),
}) satisfies z.ZodType<EquitySnapshot>;
