import { type Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];
import type { Metrics } from '../../ports/Metrics.js';

/**
 * The Metrics port as CloudWatch embedded metric format, through Powertools. Every
 * distinct name and dimension set is a billed custom metric, so the bot's metrics carry
 * only Powertools' `service` dimension; a breakdown (by reason, by outcome) belongs in
 * the log line next to the count, where Logs Insights finds it for free.
 */
export class EmfMetrics implements Metrics {
  constructor(private readonly metrics: PowertoolsMetrics) {}

  count(name: string, value = 1, dimensions?: Readonly<Record<string, string>>): void {
    this.add(name, MetricUnit.Count, value, dimensions);
  }

  gauge(name: string, value: number, dimensions?: Readonly<Record<string, string>>): void {
    this.add(name, MetricUnit.NoUnit, value, dimensions);
  }

  private add(name: string, unit: Unit, value: number, dimensions?: Readonly<Record<string, string>>): void {
    if (dimensions === undefined || Object.keys(dimensions).length === 0) {
      this.metrics.addMetric(name, unit, value);
      return;
    }
    const single = this.metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, unit, value);
  }
}
