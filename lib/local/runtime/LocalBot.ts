import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LlmRuntimeOverrides } from '../../runtime/lambda/LambdaRuntime.js';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { DECISION_MAX_RECEIVE_COUNT, decisionVisibilityTimeoutSeconds } from '../../../cdk/decisionQueueSettings.js';
import { exchangeCredentialsParameterName, killSwitchParameterName, runtimeConfigParameterName } from '../../../cdk/parameterNames.js';
import { createDynamoDbClient } from '../../adapters/dynamodb/createDynamoDbClient.js';
import { readExchangeCredentials } from '../../adapters/ssm/readExchangeCredentials.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { type KillSwitchState, parseKillSwitch } from '../../domain/killSwitch.js';
import type { Clock } from '../../ports/Clock.js';
import { createLogger } from '../../runtime/lambda/createLogger.js';
import { startReconciliation } from '../../adapters/sfn/startReconciliation.js';
import { LocalParameterStore } from '../aws/LocalParameterStore.js';
import { LocalStepFunctions } from '../aws/LocalStepFunctions.js';
import { localSqsClient } from '../aws/localSqsClient.js';
import { localSsmClient } from '../aws/localSsmClient.js';
import { registerLocalBot } from '../bots/localBotRegistry.js';
import { LocalNotifications } from '../notify/LocalNotifications.js';
import { deliverBatch } from '../queue/deliverBatch.js';
import { InProcessFifoQueue } from '../queue/InProcessFifoQueue.js';
import { type ReconciliationRun, runReconciliation } from '../runReconciliation.js';
import type { QueueFaults } from '../queue/QueueFaults.js';
import { type InvocationHook, LocalFunctions } from './LocalFunctions.js';
import { LocalLog } from './LocalLog.js';
import { localDecisionQueueArn, localDecisionQueueUrl, localReconcileStateMachineArn } from './localLambdaEnvironment.js';
import type { LocalMarket } from './LocalMarket.js';
import { LocalSchedule } from './LocalSchedule.js';
import { LocalTelemetry } from './LocalTelemetry.js';
import { parameterChangeEvent, scheduledEvent } from './scheduledEvents.js';

export interface LocalBotOptions {
  readonly config: BotConfig;
  readonly market: LocalMarket;
  /** DynamoDB Local's endpoint and the bot's tables there, created. */
  readonly dynamo: { readonly endpoint: string; readonly tables: TableNames };
  /** The reconciliation state machine's ASL (cdk/reconcileAsl.ts). */
  readonly reconcileAsl: StateMachineDefinition;
  /** Where bot.log and the local parameters go. */
  readonly runDir: string;
  /** The registry `npm run kill-switch` finds running local bots in; none when absent. */
  readonly botsDir?: string;
  /** @default 'info' */
  readonly logLevel?: string;
  /** Faults for the decisions queue to inject (the chaos suite). */
  readonly queueFaults?: QueueFaults;
  /** Runs around every function invocation (the chaos suite). */
  readonly invocationHook?: InvocationHook;
  /** The `llm` strategy's provider (the loopback model server) and --llm-record's file. */
  readonly llm?: LlmRuntimeOverrides;
  /** Notifications through a loopback Telegram Bot API, each message handed here (npm start prints them); none when absent. */
  readonly onNotification?: (text: string) => void;
}

export interface RunOptions {
  /** Simulated milliseconds per real millisecond, or as fast as the functions run. */
  readonly speed: number | 'max';
  /** Checked between steps; true ends the run after the step in progress. */
  readonly stopRequested: () => boolean;
  /** After every step, for the progress line. */
  readonly onStep?: () => void;
}

const WAIT_SLICE_MS = 200;

/**
 * The whole bot on one machine: the real capture, decide, heartbeat and maintenance
 * handlers (LocalFunctions) on the stack's schedules (LocalSchedule) on the market's clock;
 * capture's messages through the in-process FIFO queue to decide as Lambda's event source
 * delivers them; the kill switch and runtime configuration in a parameter file another
 * process may write (a change invokes heartbeat as the stack's KillSwitchTrigger does);
 * reconciliation on the synthesized state machine whenever something starts it.
 */
export class LocalBot {
  readonly config: BotConfig;
  readonly tables: TableNames;
  readonly market: LocalMarket;
  readonly clock: Clock;
  readonly queue: InProcessFifoQueue;
  readonly functions: LocalFunctions;
  readonly dynamo: DynamoDBDocumentClient;
  readonly stepFunctions: LocalStepFunctions;
  private readonly schedule: LocalSchedule;
  private readonly killSwitchParameter: string;
  private killSwitchVersion = 0;
  private lastKillSwitch: KillSwitchState = 'RUN';
  private unregister: () => void = () => undefined;
  private notifications?: LocalNotifications;

  private constructor(
    options: LocalBotOptions,
    readonly parameters: LocalParameterStore,
    readonly log: LocalLog,
    readonly telemetry: LocalTelemetry,
    private readonly logger: ReturnType<typeof createLogger>,
    logLevel: string,
  ) {
    const { config, market, reconcileAsl } = options;
    this.config = config;
    this.tables = options.dynamo.tables;
    this.market = market;
    const { endpoint } = options.dynamo;
    const { tables } = this;
    this.clock = market.clock;
    this.killSwitchParameter = killSwitchParameterName(config.botId);
    this.dynamo = createDynamoDbClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    // Executions run the step handlers, which exist once the functions below do.
    this.stepFunctions = new LocalStepFunctions(
      localReconcileStateMachineArn(config.botId),
      (name, input) => runReconciliation(reconcileAsl, this.functions.reconcileSteps, { name, input, startedAt: this.clock.now() }),
      this.clock,
    );
    const { decide, schedules } = config;
    this.queue = new InProcessFifoQueue({
      clock: this.clock,
      visibilityTimeoutMs: decisionVisibilityTimeoutSeconds(decide.timeoutSeconds) * 1000,
      maxReceiveCount: DECISION_MAX_RECEIVE_COUNT,
      ...(options.queueFaults ? { faults: options.queueFaults } : {}),
    });
    const ssm = localSsmClient(parameters);
    this.functions = new LocalFunctions({
      config,
      tables,
      dynamo: this.dynamo,
      clock: this.clock,
      ssm,
      sqs: localSqsClient(this.queue, localDecisionQueueUrl(config.botId)),
      sfn: this.stepFunctions.client(),
      // The keys come from the parameter store through the SSM client, as in Lambda.
      ccxt: async (withKeys) => market.ccxt(withKeys, withKeys && market.credentials !== undefined ? await readExchangeCredentials(ssm, exchangeCredentialsParameterName(config.botId)) : undefined),
      log,
      logLevel,
      logger,
      ...(options.invocationHook ? { invocationHook: options.invocationHook } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
    });
    const minute = 60_000;
    this.schedule = new LocalSchedule(this.clock.now(), {
      capture: schedules.captureMinutes * minute,
      heartbeat: schedules.heartbeatMinutes * minute,
      maintenance: schedules.maintenanceMinutes * minute,
    });
  }

  static async start(options: LocalBotOptions): Promise<LocalBot> {
    // Powertools would print each invocation's metrics on stdout; locally the log has them.
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
    const { config } = options;
    const logLevel = options.logLevel ?? 'info';
    const telemetry = new LocalTelemetry();
    const log = await LocalLog.open(join(options.runDir, 'bot.log'), [(line) => telemetry.observe(line)]);
    const logger = createLogger({ service: 'local-runtime', level: logLevel, destination: log });
    const parameters = await LocalParameterStore.create(join(options.runDir, 'parameters.json'), {
      [killSwitchParameterName(config.botId)]: 'RUN',
      [runtimeConfigParameterName(config.botId)]: JSON.stringify({ risk: config.risk, strategy: config.strategy }),
      ...(options.onNotification ? Object.fromEntries([LocalNotifications.parameter(config.botId)]) : {}),
      ...(options.market.credentials !== undefined ? { [exchangeCredentialsParameterName(config.botId)]: JSON.stringify(options.market.credentials) } : {}),
    });
    const bot = new LocalBot(options, parameters, log, telemetry, logger, logLevel);
    if (options.onNotification) {
      bot.notifications = await LocalNotifications.start({ config, tables: bot.tables, dynamo: bot.dynamo, ssm: localSsmClient(parameters), clock: bot.clock, log, logLevel, onMessage: options.onNotification });
    }
    bot.killSwitchVersion = (await parameters.get(bot.killSwitchParameter))?.version ?? 0;
    if (options.botsDir !== undefined) {
      bot.unregister = await registerLocalBot(options.botsDir, {
        botId: config.botId,
        pid: process.pid,
        parameterFile: parameters.file,
        startedAt: Date.now(),
        dynamoDbEndpoint: options.dynamo.endpoint,
        tableNames: options.dynamo.tables,
        series: config.symbols.map(({ symbol, timeframe }) => ({ symbol, timeframe })),
      });
    }
    return bot;
  }

  /**
   * Reconciliation once, as a deployment starts it: the state machine locks the bot, compares
   * ledger and venue, repairs, unlocks. `resumeHalted` lifts a HALTED bot too, as the operator's RUN does.
   */
  async reconcile(reason: string, options: { readonly resumeHalted?: boolean } = {}): Promise<ReconciliationRun | undefined> {
    const stamp = new Date(this.clock.now()).toISOString().slice(0, 19).replace(/[-:T]/g, '');
    const input = { reason, ...(options.resumeHalted ? { resumeHalted: true } : {}) };
    await startReconciliation(this.stepFunctions.client(), localReconcileStateMachineArn(this.config.botId), `${this.config.botId}-${reason}-${stamp}`, input, this.logger);
    const runs = await this.stepFunctions.runPending();
    await this.notifications?.flush();
    return runs.at(-1)?.run;
  }

  /** Runs the schedules until the clock reaches `end` or a stop is requested; says which. */
  async runUntil(end: number, options: RunOptions): Promise<'reachedEnd' | 'stopped'> {
    for (;;) {
      if (options.stopRequested()) return 'stopped';
      const next = Math.min(this.schedule.nextRunAt(), this.queue.nextVisibleAt() ?? Infinity);
      if (next > end) return 'reachedEnd';
      await this.waitFor(next, options);
      if (options.stopRequested()) return 'stopped';
      if (next > this.clock.now()) this.market.advanceTo(next);
      await this.step(this.clock.now());
      options.onStep?.();
    }
  }

  /** What the kill switch held when last read, before the latest step (an unknown value reads HALT). */
  get killSwitch(): KillSwitchState {
    return this.lastKillSwitch;
  }

  async stop(): Promise<void> {
    this.unregister();
    await this.notifications?.close();
    await this.market.stop();
    await this.log.close();
    this.dynamo.destroy();
  }

  private async step(time: number): Promise<void> {
    await this.noticeKillSwitchChange(time);
    for (const fn of this.schedule.takeDue(time)) {
      await this.functions.invoke(fn, scheduledEvent(`${this.config.botId}-${fn}`, time));
      if (fn === 'capture') await this.deliverDecisions();
    }
    // Redeliveries whose visibility timeout ended.
    await this.deliverDecisions();
    await this.stepFunctions.runPending();
    await this.notifications?.flush();
  }

  /** Lambda's event source: batches until nothing is visible (a failed message waits out its visibility timeout). */
  private async deliverDecisions(): Promise<void> {
    const arn = localDecisionQueueArn(this.config.botId);
    for (;;) {
      const outcome = await deliverBatch(this.queue, (event) => this.functions.decideBatch(event), this.config.decide.batchSize, arn);
      if (outcome.error !== undefined) this.logger.error({ function: 'decide', reason: outcome.error }, 'invocation failed: the whole batch will be delivered again');
      if (outcome.received === 0) return;
    }
  }

  /** A write to the kill switch invokes heartbeat with the change event, as the stack's EventBridge rule does. */
  private async noticeKillSwitchChange(time: number): Promise<void> {
    const parameter = await this.parameters.get(this.killSwitchParameter);
    this.lastKillSwitch = parseKillSwitch(parameter?.value).state;
    const version = parameter?.version ?? 0;
    if (version === this.killSwitchVersion) return;
    this.killSwitchVersion = version;
    await this.functions.invoke('heartbeat', parameterChangeEvent(this.killSwitchParameter, time));
    await this.stepFunctions.runPending();
    await this.notifications?.flush();
  }

  /**
   * Waits until the clock may move to `time`: at `speed`, the real time that takes; on the
   * wall clock, until it gets there. A kill-switch change is acted on while waiting, with the
   * simulated clock moved to where it would be.
   */
  private async waitFor(time: number, options: RunOptions): Promise<void> {
    if (this.market.simulated && options.speed === 'max') return;
    const speed = options.speed === 'max' ? 1 : options.speed;
    const wallStart = Date.now();
    const simStart = this.clock.now();
    const simNow = () => (this.market.simulated ? Math.min(time, simStart + (Date.now() - wallStart) * speed) : this.clock.now());
    while (simNow() < time && !options.stopRequested()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_SLICE_MS, (time - simNow()) / speed)));
      const version = (await this.parameters.get(this.killSwitchParameter))?.version ?? 0;
      if (version === this.killSwitchVersion) continue;
      if (this.market.simulated) this.market.advanceTo(Math.floor(simNow()));
      await this.noticeKillSwitchChange(this.clock.now());
      options.onStep?.();
    }
  }
}
