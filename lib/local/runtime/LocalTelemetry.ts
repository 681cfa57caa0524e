import { type Decimal, ZERO, dec } from '../../domain/decimal.js';

/** One JSON log line as pino writes it. */
export type LogLine = Readonly<Record<string, unknown>>;

export interface LoggedError {
  readonly msg: string;
  readonly function?: string;
  readonly detail?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * What the local runtime learns from the functions' log lines, as CloudWatch Logs Insights
 * would in AWS: a candle that changes nothing writes no decision record (DESIGN: its log
 * line is the record), so decisions are counted here, one `decided` or `decision skipped`
 * line per candle; risk rejections by reason; orders; heartbeat equity; errors.
 */
export class LocalTelemetry {
  /** `symbol timeframe openTime` → decision lines for that candle. */
  readonly decisions = new Map<string, number>();
  readonly rejections = new Map<string, number>();
  /** [simulated time, equity] from each heartbeat that could value the account. */
  readonly equity: [number, Decimal][] = [];
  readonly errors: LoggedError[] = [];
  ordersSent = 0;
  plansClosed = 0;
  realizedPnl: Decimal = ZERO;
  openPlans = 0;

  observe(line: LogLine): void {
    switch (line['msg']) {
      case 'decided':
      case 'decision skipped':
        this.countDecision(line);
        break;
      case 'risk rejection': {
        const reason = text(line['reason']) ?? 'unknown';
        this.rejections.set(reason, (this.rejections.get(reason) ?? 0) + 1);
        break;
      }
      case 'order':
        this.ordersSent += 1;
        break;
      case 'plan closed':
        this.plansClosed += 1;
        this.realizedPnl = this.realizedPnl.plus(dec(text(line['realizedPnl']) ?? '0'));
        break;
      case 'heartbeat':
        this.observeHeartbeat(line);
        break;
    }
    if (line['level'] === 'error' || line['level'] === 'fatal') this.observeError(line);
  }

  get decisionCount(): number {
    let total = 0;
    for (const count of this.decisions.values()) total += count;
    return total;
  }

  private countDecision(line: LogLine): void {
    const key = `${text(line['symbol']) ?? '?'} ${text(line['timeframe']) ?? '?'} ${num(line['openTime']) ?? '?'}`;
    this.decisions.set(key, (this.decisions.get(key) ?? 0) + 1);
    const openPlans = num(line['openPlans']);
    if (openPlans !== undefined) this.openPlans = openPlans;
  }

  private observeHeartbeat(line: LogLine): void {
    const time = num(line['time']);
    const equity = text(line['equity']);
    if (time !== undefined && equity !== undefined) this.equity.push([time, dec(equity)]);
    const openPlans = num(line['openPlans']);
    if (openPlans !== undefined) this.openPlans = openPlans;
  }

  private observeError(line: LogLine): void {
    const err = line['err'] as { message?: unknown } | undefined;
    const detail = text(err?.message) ?? text(line['reason']);
    const fn = text(line['function']);
    this.errors.push({ msg: text(line['msg']) ?? '(no message)', ...(fn !== undefined ? { function: fn } : {}), ...(detail !== undefined ? { detail } : {}) });
  }
}
