import * as z from 'zod';

const instant = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]).transform((v) => (typeof v === 'number' ? v : Date.parse(v)));
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (UTC)');

export const PauseWindowsSchema = z.strictObject({
  /** Announced maintenance: [from, to) in epoch ms or ISO 8601 with an offset. */
  windows: z
    .array(z.strictObject({ from: instant, to: instant }).refine((w) => w.to > w.from, { message: 'to must be after from' }))
    .default([]),
  /** A window repeated every day, in UTC; it may wrap past midnight (23:30 → 00:30). */
  dailyUtc: z.strictObject({ from: clockTime, to: clockTime }).optional(),
});
export type PauseWindowsConfig = z.input<typeof PauseWindowsSchema>;

const DAY_MS = 86_400_000;

function minuteOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** When no order may be sent (exchange maintenance); reads are unaffected. */
export class PauseWindows {
  private readonly config: z.output<typeof PauseWindowsSchema>;

  constructor(config: PauseWindowsConfig = {}) {
    this.config = PauseWindowsSchema.parse(config);
  }

  /** Describes the window `now` falls in, or undefined when orders may be sent. */
  activeAt(now: number): string | undefined {
    for (const w of this.config.windows) {
      if (now >= w.from && now < w.to) return `${new Date(w.from).toISOString()} to ${new Date(w.to).toISOString()}`;
    }
    const daily = this.config.dailyUtc;
    if (daily === undefined) return undefined;
    const minute = Math.floor((((now % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
    const from = minuteOfDay(daily.from);
    const to = minuteOfDay(daily.to);
    const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    return inside ? `daily ${daily.from}-${daily.to} UTC` : undefined;
  }
}
