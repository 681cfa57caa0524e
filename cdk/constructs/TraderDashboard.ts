import { Duration } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  LogQueryVisualizationType,
  LogQueryWidget,
  MathExpression,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KILL_SWITCH_STATES } from '../../lib/domain/killSwitch.js';
import { METRIC_NAMES, type MetricName, TRADING_STOPPED } from '../../lib/runtime/lambda/metricNames.js';
import { type BotMetricStatistic, botMetric } from '../botMetric.js';
import { DASHBOARD_LOG_QUERIES } from './dashboardLogQueries.js';
import type { FunctionName } from './TraderFunctions.js';

export interface TraderDashboardProps {
  readonly botId: string;
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
  readonly logGroups: Readonly<Record<FunctionName, ILogGroup>>;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly tables: Readonly<Record<string, ITable>>;
  readonly killSwitchParameterName: string;
}

/** CloudWatch's free tier: three dashboards of up to 50 metrics each; above that a dashboard costs $3 a month. */
export const DASHBOARD_METRIC_BUDGET = 50;

/**
 * One CloudWatch dashboard, within the free tier's 50 metrics (DASHBOARD_METRIC_BUDGET):
 * money and positions first, then activity and the breakdowns read from the logs, then
 * the health of functions, queues and tables.
 */
export class TraderDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: TraderDashboardProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);
    const bot = (name: MetricName, statistic: BotMetricStatistic, label: string) =>
      botMetric(props.botId, name, statistic, fiveMinutes).with({ label });
    const graph = (title: string, left: IMetric[], width = 8, extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
      new GraphWidget({ title, left, width, height: 6, ...extra });
    const logs = (title: string, names: readonly FunctionName[], query: readonly string[], width = 8) =>
      new LogQueryWidget({
        title,
        logGroupNames: names.map((name) => props.logGroups[name].logGroupName),
        queryLines: [...query],
        view: LogQueryVisualizationType.TABLE,
        width,
        height: 6,
      });
    const perFunction = (pick: (fn: IFunction, label: string) => IMetric) =>
      Object.entries(props.functions).map(([name, fn]) => pick(fn, name));

    const pnl = bot(METRIC_NAMES.realizedPnl, 'Sum', 'per 5 min');
    const rows: IWidget[][] = [
      [
        graph('Equity and exposure (quote)', [bot(METRIC_NAMES.equity, 'Average', 'equity'), bot(METRIC_NAMES.exposure, 'Average', 'exposure')]),
        graph('Realized PnL (quote)', [pnl], 8, {
          right: [new MathExpression({ expression: 'RUNNING_SUM(pnl)', usingMetrics: { pnl }, label: 'running total', period: fiveMinutes })],
        }),
        graph('Open plans and unprotected positions', [
          bot(METRIC_NAMES.openPlans, 'Maximum', 'open plans'),
          bot(METRIC_NAMES.unprotectedPositions, 'Maximum', 'unprotected'),
        ]),
      ],
      [
        graph('Decisions', [bot(METRIC_NAMES.decisions, 'Sum', 'decided'), bot(METRIC_NAMES.decisionFailures, 'Sum', 'failed (redelivered)')]),
        graph('Proposals, rejections, orders, fills', [
          bot(METRIC_NAMES.proposals, 'Sum', 'proposals'),
          bot(METRIC_NAMES.riskRejections, 'Sum', 'risk rejections'),
          bot(METRIC_NAMES.orders, 'Sum', 'orders'),
          bot(METRIC_NAMES.fills, 'Sum', 'fills'),
        ]),
        graph('Trading stopped: 2 halted, 1 daily loss limit hit', [bot(METRIC_NAMES.tradingStopped, 'Maximum', 'trading stopped')], 8, {
          leftYAxis: { min: 0, max: TRADING_STOPPED.halted, showUnits: false },
        }),
      ],
      [
        logs('Risk rejections by reason', ['decide'], DASHBOARD_LOG_QUERIES.rejectionsByReason),
        logs('Orders by outcome', ['decide', 'heartbeat'], DASHBOARD_LOG_QUERIES.ordersByOutcome),
        logs('Kill switch and status (heartbeat)', ['heartbeat'], DASHBOARD_LOG_QUERIES.killSwitch),
      ],
      [logs('Recent orders', ['decide', 'heartbeat'], DASHBOARD_LOG_QUERIES.recentOrders, 16), this.killSwitchHelp(props.killSwitchParameterName)],
      [
        logs('Live beside each shadow: trades, PnL, summed plan return, win rate', ['decide'], DASHBOARD_LOG_QUERIES.booksSideBySide),
        logs('Calibration by book: outcomes, ECE, Brier', ['heartbeat'], DASHBOARD_LOG_QUERIES.calibrationByBook),
        graph('Worst calibration error (judged books)', [bot(METRIC_NAMES.calibrationError, 'Maximum', 'ECE')]),
      ],
      [
        graph('Lambda errors', [...perFunction((fn, label) => fn.metricErrors({ label })), bot(METRIC_NAMES.functionErrors, 'Sum', 'FunctionErrors (alarmed)')]),
        graph('Lambda duration p99', perFunction((fn, label) => fn.metricDuration({ statistic: 'p99', label }))),
        graph('Lambda throttles', perFunction((fn, label) => fn.metricThrottles({ label }))),
      ],
      [
        graph('Oldest decision message (s)', [props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum' })]),
        graph('Decision messages waiting', [props.queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })]),
        graph('Dead letters', [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })]),
      ],
      [graph('DynamoDB throttled requests (read + write)', this.tableThrottles(props.tables), 24)],
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `trader-${props.botId}`, widgets: rows });
  }

  /** The live value is not a metric: how to read and change it. */
  private killSwitchHelp(parameterName: string): TextWidget {
    return new TextWidget({
      width: 8,
      height: 6,
      markdown: [
        '### Kill switch',
        `Values: ${KILL_SWITCH_STATES.map((state) => `\`${state}\``).join(' · ')}`,
        '',
        'Read it:',
        `\`aws ssm get-parameter --name ${parameterName} --query Parameter.Value --output text\``,
        '',
        'Change it (heartbeat runs at once):',
        '`npm run kill-switch -- HALT`',
      ].join('\n'),
    });
  }

  private tableThrottles(tables: Readonly<Record<string, ITable>>): IMetric[] {
    return Object.entries(tables).map(
      ([tableId, table], index) =>
        new MathExpression({
          expression: `FILL(r${index}, 0) + FILL(w${index}, 0)`,
          usingMetrics: {
            [`r${index}`]: table.metric('ReadThrottleEvents', { statistic: 'Sum' }),
            [`w${index}`]: table.metric('WriteThrottleEvents', { statistic: 'Sum' }),
          },
          label: tableId,
          period: Duration.minutes(5),
        }),
    );
  }
}
