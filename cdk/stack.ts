import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BotConfig } from '../lib/domain/botConfig.js';
import { AfterDeployReconciliation } from './constructs/AfterDeployReconciliation.js';
import { BotControls } from './constructs/BotControls.js';
import { BotSchedules } from './constructs/BotSchedules.js';
import { DecisionQueues } from './constructs/DecisionQueues.js';
import { KillSwitchTrigger } from './constructs/KillSwitchTrigger.js';
import { LlmAccess } from './constructs/LlmAccess.js';
import { ReconcileStateMachine } from './constructs/ReconcileStateMachine.js';
import { TraderFunctions } from './constructs/TraderFunctions.js';
import { TraderAlarms } from './constructs/TraderAlarms.js';
import { TraderDashboard } from './constructs/TraderDashboard.js';
import { TraderTables } from './constructs/TraderTables.js';
import type { TraderFunctionResources } from './constructs/traderFunctionEnvironment.js';
import { deployFingerprint } from './deployFingerprint.js';
import type { FunctionEntries } from './functionEntries.js';
import { noDecisionAlarmAfter } from './noDecisionAlarmAfter.js';
import { NOTIFIER_STREAMS, Notifications } from './constructs/Notifications.js';
import { TelegramWebhook } from './constructs/TelegramWebhook.js';
import { Optimizer, type OptimizerProps } from './constructs/Optimizer.js';
import { calibratedBooks } from '../lib/runtime/lambda/heartbeat/monitorCalibration.js';
import { Retrainer, type RetrainCadence } from './constructs/Retrainer.js';

export interface TraderStackProps extends StackProps {
  /** The validated bot configuration (cdk/loadBotConfigFile.ts). */
  readonly config: BotConfig;
  /** The handler file of each function: `functions/<name>.ts` and `functions/reconcile/<name>.ts` in the app, fixtures in tests. */
  readonly entries: FunctionEntries;
  /** Deploys the distributed parameter search (the `optimizer` context flag, `-c optimizer=true`). @default off */
  readonly optimizer?: boolean | Pick<OptimizerProps, 'maxConcurrency' | 'expireAfterDays' | 'writeMapResults'>;
  /** Deploys the scheduled retrain and its checkpoint bucket (the `retrain` context flag, `-c retrain=weekly`). @default off */
  readonly retrain?: RetrainCadence;
}

/**
 * One trading bot: its tables, queues, controls, functions, reconciliation (run after every
 * deployment that changes code or configuration), schedules, dashboard and alarms.
 */
export class TraderStack extends Stack {
  readonly tables: TraderTables;
  readonly queues: DecisionQueues;
  readonly controls: BotControls;
  readonly functions: TraderFunctions;
  readonly reconciliation: ReconcileStateMachine;
  readonly afterDeploy: AfterDeployReconciliation;
  readonly alarms: TraderAlarms;
  readonly llm: LlmAccess;
  /** Present when config/bot.json has `notifications`. */
  readonly notifications?: Notifications;
  /** Present when config/bot.json has `notifications.allowedChatIds`. */
  readonly telegramWebhook?: TelegramWebhook;
  /** Present when the stack is built with `optimizer`. */
  readonly optimizer?: Optimizer;
  /** Present when the stack is built with `retrain`. */
  readonly retrainer?: Retrainer;

  constructor(scope: Construct, id: string, props: TraderStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.tables = new TraderTables(this, 'Tables', config.notifications !== undefined ? { streams: NOTIFIER_STREAMS } : {});
    this.queues = new DecisionQueues(this, 'Queues', { consumerTimeout: Duration.seconds(config.decide.timeoutSeconds) });
    this.controls = new BotControls(this, 'Controls', {
      botId: config.botId,
      initialRuntimeConfig: { risk: config.risk, strategy: config.strategy },
    });
    const resources: TraderFunctionResources = {
      config,
      tables: this.tables.tables,
      decisionQueue: this.queues.queue,
      killSwitch: this.controls.killSwitch,
      runtimeConfig: this.controls.runtimeConfig,
      exchangeCredentials: this.controls.exchangeCredentials,
    };
    this.reconciliation = new ReconcileStateMachine(this, 'Reconciliation', { ...resources, entries: props.entries });
    const { stateMachine } = this.reconciliation;
    this.functions = new TraderFunctions(this, 'Functions', { ...resources, entries: props.entries, reconcileStateMachine: stateMachine });
    this.afterDeploy = new AfterDeployReconciliation(this, 'AfterDeploy', {
      botId: config.botId,
      entry: props.entries.afterDeploy,
      ccxtExchangeId: config.exchange.id,
      stateMachine,
      fingerprint: deployFingerprint({ ...this.functions.functions, ...this.reconciliation.steps.functions }, config),
      executeAfter: [this.tables, this.controls, this.functions, this.reconciliation],
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
      queue,
      deadLetterQueue,
      noDecisionFor: noDecisionAlarmAfter(config.symbols),
      heartbeatEvery: Duration.minutes(config.schedules.heartbeatMinutes),
      ...(config.strategy.name === 'model' && { modelStrategy: true }),
      ...(calibratedBooks(config).length > 0 && { maxExpectedCalibrationError: config.calibration.maxExpectedCalibrationError }),
      ...(config.alarmEmail !== undefined ? { alarmEmail: config.alarmEmail } : {}),
    });
    this.llm = new LlmAccess(this, 'Llm', { botId: config.botId, strategy: config.strategy, decide: this.functions.functions.decide, alarmTopic: this.alarms.topic.topic });
    if (config.notifications !== undefined) {
      if (props.entries.notifier === undefined) throw new Error('config has notifications: the notifier function\'s entry (functions/notifier.ts) is missing');
      this.notifications = new Notifications(this, 'Notifications', {
        ...resources,
        settings: config.notifications,
        entry: props.entries.notifier,
        telemetry: this.tables.tables.telemetry,
        plans: this.tables.tables.plans,
        alarmTopic: this.alarms.topic.topic,
      });
      if (config.notifications.allowedChatIds.length > 0) {
        if (props.entries.telegramWebhook === undefined) throw new Error('config has notifications.allowedChatIds: the Telegram webhook\'s entry (functions/telegramWebhook.ts) is missing');
        this.telegramWebhook = new TelegramWebhook(this, 'TelegramWebhook', {
          ...resources,
          entry: props.entries.telegramWebhook,
          notificationParameter: { name: this.notifications.parameterName, arn: this.notifications.parameterArn },
          reconcileStateMachine: stateMachine,
        });
      }
    }
    if (props.optimizer !== undefined && props.optimizer !== false) {
      if (props.entries.optimizeTrials === undefined) throw new Error('optimizer is on: the trial function\'s entry (functions/optimizeTrials.ts) is missing');
      this.optimizer = new Optimizer(this, 'Optimizer', { botId: config.botId, entry: props.entries.optimizeTrials, ccxtExchangeId: config.exchange.id, ...(props.optimizer === true ? {} : props.optimizer) });
    }
    if (props.retrain !== undefined) {
      if (props.entries.retrain === undefined) throw new Error('retrain is on: the retrain function\'s entry (functions/retrain.ts) is missing');
      this.retrainer = new Retrainer(this, 'Retrainer', { ...resources, cadence: props.retrain, entry: props.entries.retrain, decide: this.functions.functions.decide, alarmTopic: this.alarms.topic.topic });
    }
  }
}
