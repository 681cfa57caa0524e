import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_METRIC_BUDGET } from '../../cdk/constructs/TraderDashboard.js';
import type { TraderStack } from '../../cdk/stack.js';
import { synthTraderStack } from './synthTraderStack.js';

interface Widget {
  readonly type: string;
  readonly properties: { title?: string; metrics?: unknown[][]; query?: string; markdown?: string };
}

let stack: TraderStack;
let widgets: Widget[];

/** The dashboard body as CloudWatch receives it, each reference written `<Ref:LogicalId>` or `<GetAtt:LogicalId>`. */
function dashboardWidgets(template: Template): Widget[] {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = (dashboards[0]?.Properties as { DashboardBody: { 'Fn::Join': [string, unknown[]] } }).DashboardBody['Fn::Join'][1];
  const text = body
    .map((part) => {
      if (typeof part === 'string') return part;
      const token = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      return token.Ref !== undefined ? `<Ref:${token.Ref}>` : `<GetAtt:${token['Fn::GetAtt']?.[0]}>`;
    })
    .join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

/** A metric line is an array of namespace, name, dimensions…; a math expression's line is one object with `expression`. */
const isMetric = (line: unknown[]) => !(line.length === 1 && typeof line[0] === 'object' && line[0] !== null && 'expression' in line[0]);
const metricLines = (widget: Widget) => (widget.properties.metrics ?? []).filter(isMetric);
const widget = (title: string) => widgets.find((candidate) => candidate.properties.title === title);
const logGroupRef = (name: 'decide' | 'heartbeat') => `<Ref:${stack.getLogicalId(stack.functions.logGroups[name].node.defaultChild as never)}>`;

beforeAll(() => {
  stack = synthTraderStack();
  widgets = dashboardWidgets(Template.fromStack(stack));
});

describe('Construct: TraderDashboard', () => {
  it(`charts at most the ${DASHBOARD_METRIC_BUDGET} metrics of a free dashboard`, () => {
    const count = widgets.reduce((sum, candidate) => sum + metricLines(candidate).length, 0);

    expect(DASHBOARD_METRIC_BUDGET).toBe(50);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(DASHBOARD_METRIC_BUDGET);
  });

  it('charts money, positions, activity and the health of functions, queues and tables', () => {
    const titles = widgets.map((candidate) => candidate.properties.title);

    for (const title of [
      'Equity and exposure (quote)',
      'Realized PnL (quote)',
      'Open plans and unprotected positions',
      'Decisions',
      'Proposals, rejections, orders, fills',
      'Trading stopped: 2 halted, 1 daily loss limit hit',
      'Lambda errors',
      'Lambda duration p99',
      'Lambda throttles',
      'Oldest decision message (s)',
      'Dead letters',
      'DynamoDB throttled requests (read + write)',
    ]) {
      expect(titles).toContain(title);
    }
  });

  it('sets live beside each shadow (trades, PnL, return, win rate) and calibration by book, read from the log lines', () => {
    const books = widget('Live beside each shadow: trades, PnL, summed plan return, win rate');
    expect(books?.type).toBe('log');
    expect(books?.properties.query).toContain(logGroupRef('decide'));
    expect(books?.properties.query).toContain('filter msg = "plan closed"');
    expect(books?.properties.query).toContain('by bookId');
    const calibration = widget('Calibration by book: outcomes, ECE, Brier');
    expect(calibration?.properties.query).toContain(logGroupRef('heartbeat'));
    expect(calibration?.properties.query).toContain('latest(ece) as ece');
    expect(metricLines(widget('Worst calibration error (judged books)')!)[0]).toContain('CalibrationError');
  });

  it("reads the bot's own metrics under the one dimension set Powertools writes", () => {
    const ownMetrics = widgets.flatMap(metricLines).filter((line) => line[0] === 'ServerlessTrader/testbot');

    expect(ownMetrics.map((line) => line[1]).sort()).toEqual(
      ['CalibrationError', 'DecisionFailures', 'Decisions', 'Equity', 'Exposure', 'Fills', 'FunctionErrors', 'OpenPlans', 'Orders', 'Proposals', 'RealizedPnl', 'RiskRejections', 'TradingStopped', 'UnprotectedPositions'].sort(),
    );
    for (const line of ownMetrics) expect(line.slice(2, 4)).toEqual(['service', 'trader']);
  });

  it('adds up realized PnL without charting the metric twice', () => {
    const pnl = widget('Realized PnL (quote)');

    expect(metricLines(pnl!)).toHaveLength(1);
    expect(JSON.stringify(pnl?.properties.metrics)).toContain('RUNNING_SUM(pnl)');
  });

  it.each([
    ['Risk rejections by reason', ['decide'], ['filter msg = "risk rejection"', 'by reason']],
    ['Orders by outcome', ['decide', 'heartbeat'], ['filter msg = "order"', 'by outcome']],
    ['Recent orders', ['decide', 'heartbeat'], ['filter msg = "order"', 'clientOrderId']],
    ['Kill switch and status (heartbeat)', ['heartbeat'], ['filter msg = "heartbeat"', 'killSwitch']],
  ] as const)('reads "%s" from the logs of %j', (title, functions, fragments) => {
    const query = widget(title)?.properties.query ?? '';

    expect(widget(title)?.type).toBe('log');
    expect(query.match(/SOURCE '[^']*'/g)).toEqual(functions.map((name) => `SOURCE '${logGroupRef(name)}'`));
    for (const fragment of fragments) expect(query).toContain(fragment);
  });

  it('tells how to read and change the kill switch', () => {
    const help = widgets.find((candidate) => candidate.type === 'text')?.properties.markdown ?? '';
    const parameterRef = `<Ref:${stack.getLogicalId(stack.controls.killSwitch.node.defaultChild as never)}>`;

    expect(help).toContain(`aws ssm get-parameter --name ${parameterRef}`);
    expect(help).toContain('npm run kill-switch -- HALT');
    expect(help).toContain('`RUN` · `PAUSE_ENTRIES` · `HALT` · `FLATTEN`');
  });
});
