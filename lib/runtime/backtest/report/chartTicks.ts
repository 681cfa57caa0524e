const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 91 * DAY, 182 * DAY, 365 * DAY,
];

export interface ValueTicks {
  readonly values: readonly number[];
  /** Decimals that tell the ticks apart. */
  readonly decimals: number;
}

/** Round tick values (1, 2 or 5 × 10^k apart) inside [min, max], about `count` of them. */
export function valueTicks(min: number, max: number, count = 5): ValueTicks {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return { values: [min], decimals: 2 };
  const rough = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const norm = rough / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) {
    values.push(Number((i * step).toFixed(decimals)));
  }
  return { values, decimals };
}

export interface TimeTicks {
  readonly values: readonly number[];
  /** True when the ticks fall on whole days, so the labels need no clock time. */
  readonly wholeDays: boolean;
}

/** Tick times on round UTC boundaries (minutes, hours, days), at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks = 6): TimeTicks {
  const span = to - from;
  if (!(span > 0)) return { values: [from], wholeDays: false };
  const step = TIME_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const values: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) values.push(t);
  return { values, wholeDays: step >= DAY };
}
