import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_SERVICE_NAME, type MetricName, metricsNamespace } from '../lib/runtime/lambda/metricNames.js';

export type BotMetricStatistic = 'Sum' | 'Maximum' | 'Average' | 'SampleCount';

/** One of the bot's own metrics, under the dimension set Powertools writes (see metricNames.ts). */
export function botMetric(botId: string, metricName: MetricName, statistic: BotMetricStatistic, period?: Duration): Metric {
  return new Metric({
    namespace: metricsNamespace(botId),
    metricName,
    dimensionsMap: { service: METRICS_SERVICE_NAME },
    statistic,
    ...(period !== undefined ? { period } : {}),
  });
}
