import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, type IMetric, SingleValueWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { botMetric } from '../botMetric.js';
import { METRIC_NAMES } from '../metricNames.js';

export interface TraderDashboardProps {
  readonly botId: string;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly tables: Readonly<Record<string, ITable>>;
}

/** One CloudWatch dashboard: trading activity first, then the health of functions, queues and tables. */
export class TraderDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: TraderDashboardProps) {
    super(scope, id);
    const bot = (name: (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES], statistic: 'Sum' | 'Maximum' | 'Average') =>
      botMetric(props.botId, name, statistic, Duration.minutes(5));
    const graph = (title: string, left: IMetric[], width = 6) => new GraphWidget({ title, left, width, height: 6 });
    const perFunction = (pick: (fn: IFunction) => IMetric) => Object.values(props.functions).map(pick);
    const tables = Object.values(props.tables);

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `trader-${props.botId}` });
    this.dashboard.addWidgets(
      graph('Decisions', [bot(METRIC_NAMES.decisions, 'Sum')]),
      graph('Orders by outcome', [
        bot(METRIC_NAMES.ordersAcknowledged, 'Sum'),
        bot(METRIC_NAMES.ordersRejected, 'Sum'),
        bot(METRIC_NAMES.ordersUnknown, 'Sum'),
      ]),
      graph('Risk rejections', [bot(METRIC_NAMES.riskRejections, 'Sum')]),
      graph('Fills', [bot(METRIC_NAMES.fills, 'Sum')]),
    );
    this.dashboard.addWidgets(
      graph('Realized PnL (quote)', [bot(METRIC_NAMES.realizedPnl, 'Sum')]),
      graph('Equity (quote)', [bot(METRIC_NAMES.equity, 'Average')]),
      graph('Open plans', [bot(METRIC_NAMES.openPlans, 'Maximum')]),
      new SingleValueWidget({ title: 'Unprotected positions', metrics: [bot(METRIC_NAMES.unprotectedPositions, 'Maximum')], width: 6, height: 6 }),
    );
    this.dashboard.addWidgets(
      graph('Lambda errors', perFunction((fn) => fn.metricErrors({ label: fn.node.scope?.node.id ?? fn.node.id })), 8),
      graph('Lambda duration p99', perFunction((fn) => fn.metricDuration({ statistic: 'p99', label: fn.node.scope?.node.id ?? fn.node.id })), 8),
      graph('Lambda throttles', perFunction((fn) => fn.metricThrottles({ label: fn.node.scope?.node.id ?? fn.node.id })), 8),
    );
    this.dashboard.addWidgets(
      graph('Oldest decision message (s)', [props.queue.metricApproximateAgeOfOldestMessage()], 8),
      graph('Decision messages waiting', [props.queue.metricApproximateNumberOfMessagesVisible()], 8),
      graph('Dead letters', [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible()], 8),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB read throttles', tables.map((table) => table.metric('ReadThrottleEvents', { statistic: 'Sum', label: table.node.id })), 12),
      graph('DynamoDB write throttles', tables.map((table) => table.metric('WriteThrottleEvents', { statistic: 'Sum', label: table.node.id })), 12),
    );
  }
}
