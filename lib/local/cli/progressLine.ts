import type { Decimal } from '../../domain/decimal.js';
import { formatDecimal, formatUtcMinute } from '../../runtime/backtest/report/formatValues.js';

export interface ProgressState {
  readonly time: number;
  readonly from: number;
  /** Infinity when the run has no end (real market data). */
  readonly to: number;
  readonly candles: number;
  readonly openPlans: number;
  readonly equity?: Decimal;
  readonly realizedPnl: Decimal;
  readonly quoteCurrency: string;
  readonly killSwitch: string;
  readonly errors: number;
}

const signed = (value: Decimal): string => (value.isNegative() ? '' : '+') + formatDecimal(value.toString());

/** One line: where the simulated clock is, how far along, and what the bot holds and made. */
export function progressLine(s: ProgressState): string {
  const done = Number.isFinite(s.to) && s.to > s.from ? ` ${Math.min(100, Math.floor(((s.time - s.from) / (s.to - s.from)) * 100))}%` : '';
  return [
    `${formatUtcMinute(s.time)} UTC${done}`,
    `${s.candles} candles`,
    `${s.openPlans} open plans`,
    `equity ${s.equity === undefined ? '-' : formatDecimal(s.equity.toString())} ${s.quoteCurrency}`,
    `realized ${signed(s.realizedPnl)} ${s.quoteCurrency}`,
    `kill switch ${s.killSwitch}`,
    ...(s.errors > 0 ? [`${s.errors} errors (see bot.log)`] : []),
  ].join(' | ');
}

const TTY_REDRAW_MS = 100;
const LOG_EVERY_MS = 15_000;

/**
 * Shows the progress line: redrawn in place on a terminal, or printed every 15 seconds
 * elsewhere (CI logs, a pipe), so a long run still shows it is alive.
 */
export class ProgressReporter {
  private lastShown = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  show(line: string, force = false): void {
    const now = Date.now();
    const every = this.stream.isTTY ? TTY_REDRAW_MS : LOG_EVERY_MS;
    if (!force && now - this.lastShown < every) return;
    this.lastShown = now;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (this.stream.columns || 200) - 1))}`);
      this.drawn = true;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  /** Ends the redrawn line so what follows starts on its own. */
  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
