import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BotConfig } from '../lib/domain/botConfig.js';
import { BotControls } from './constructs/BotControls.js';
import { BotSchedules } from './constructs/BotSchedules.js';
import { DecisionQueues } from './constructs/DecisionQueues.js';
import { KillSwitchTrigger } from './constructs/KillSwitchTrigger.js';
import { TraderFunctions, type FunctionName } from './constructs/TraderFunctions.js';
import { TraderAlarms } from './constructs/TraderAlarms.js';
import { TraderDashboard } from './constructs/TraderDashboard.js';
import { TraderTables } from './constructs/TraderTables.js';
import { noDecisionAlarmAfter } from './noDecisionAlarmAfter.js';

export interface TraderStackProps extends StackProps {
  /** The validated bot configuration (cdk/loadBotConfigFile.ts). */
  readonly config: BotConfig;
  /** The handler file of each function: `functions/<name>.ts` in the app, fixtures in tests. */
  readonly entries: Readonly<Record<FunctionName, string>>;
  /** The reconciliation state machine heartbeat may start. @default none */
  readonly reconcileStateMachineArn?: string;
}

/** One trading bot: its tables, queues, controls, functions, schedules, dashboard and alarms. */
export class TraderStack extends Stack {
  readonly tables: TraderTables;
  readonly queues: DecisionQueues;
  readonly controls: BotControls;
  readonly functions: TraderFunctions;
  readonly alarms: TraderAlarms;

  constructor(scope: Construct, id: string, props: TraderStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.tables = new TraderTables(this, 'Tables');
    this.queues = new DecisionQueues(this, 'Queues', { consumerTimeout: Duration.seconds(config.decide.timeoutSeconds) });
    this.controls = new BotControls(this, 'Controls', {
      botId: config.botId,
      initialRuntimeConfig: { risk: config.risk, strategy: config.strategy },
    });
    this.functions = new TraderFunctions(this, 'Functions', {
      config,
      entries: props.entries,
      tables: this.tables.tables,
      decisionQueue: this.queues.queue,
      killSwitch: this.controls.killSwitch,
      runtimeConfig: this.controls.runtimeConfig,
      exchangeSecret: this.controls.exchangeSecret,
      ...(props.reconcileStateMachineArn !== undefined ? { reconcileStateMachineArn: props.reconcileStateMachineArn } : {}),
    });
    const { capture, heartbeat, maintenance } = this.functions.functions;
    new BotSchedules(this, 'Schedules', {
      capture: { function: capture, everyMinutes: config.schedules.captureMinutes },
      heartbeat: { function: heartbeat, everyMinutes: config.schedules.heartbeatMinutes },
      maintenance: { function: maintenance, everyMinutes: config.schedules.maintenanceMinutes },
    });
    new KillSwitchTrigger(this, 'KillSwitchTrigger', { killSwitch: this.controls.killSwitch, target: heartbeat });
    const { queue, deadLetterQueue } = this.queues;
    new TraderDashboard(this, 'Dashboard', {
      botId: config.botId,
      functions: this.functions.functions,
      logGroups: this.functions.logGroups,
      queue,
      deadLetterQueue,
      tables: this.tables.tables,
      killSwitchParameterName: this.controls.killSwitch.parameterName,
    });
    this.alarms = new TraderAlarms(this, 'Alarms', {
      botId: config.botId,
      capture,
      decide: this.functions.functions.decide,
      heartbeat,
      queue,
      deadLetterQueue,
      noDecisionFor: noDecisionAlarmAfter(config.symbols),
      heartbeatEvery: Duration.minutes(config.schedules.heartbeatMinutes),
      ...(config.alarmEmail !== undefined ? { alarmEmail: config.alarmEmail } : {}),
    });
  }
}
