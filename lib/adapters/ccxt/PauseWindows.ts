import type * as z from 'zod';
import { type PauseWindowsConfig, PauseWindowsSchema } from '../../domain/exchangeGatewaySettings.js';

export { PauseWindowsSchema, type PauseWindowsConfig } from '../../domain/exchangeGatewaySettings.js';

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
