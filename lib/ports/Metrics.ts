/** Counters and gauges the bot publishes; CloudWatch embedded metrics in Lambda, nothing in a backtest. */
export interface Metrics {
  count(name: string, value?: number, dimensions?: Readonly<Record<string, string>>): void;
  gauge(name: string, value: number, dimensions?: Readonly<Record<string, string>>): void;
}

export const noMetrics: Metrics = { count: () => undefined, gauge: () => undefined };
