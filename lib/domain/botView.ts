/**
 * One view of the bot (open plans, profit, balance…) as a table: Telegram renders it as text,
 * `npm run status` as a terminal table or JSON. Money cells are exact decimal strings.
 */
export interface BotView {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Said instead of an empty table. */
  readonly empty: string;
  readonly notes?: readonly string[];
}

/** A bot action as stored: when, what, and its details (who gave it, why, what it did). */
export interface BotActionRecord {
  readonly time: number;
  readonly action: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A signed decimal string: `+0.5`, `-0.25`, `0`. */
export function signed(value: string): string {
  return value.startsWith('-') || /^0(\.0+)?$/.test(value) ? value : `+${value}`;
}

export const isoMinute = (time: number) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');
