import { type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import { createDynamoDbClient } from '../../../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { DynamoDbBotStateStore } from '../../../../lib/adapters/dynamodb/DynamoDbBotStateStore.js';
import { DynamoDbCandleStore } from '../../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbPlanRepository } from '../../../../lib/adapters/dynamodb/DynamoDbPlanRepository.js';
import type { TableNames } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import type { BotConfigInput } from '../../../../lib/domain/botConfig.js';
import type { BotState } from '../../../../lib/domain/botState.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { type ExchangeSimulator, type FillModel, connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { type ReconciliationRun, runReconciliation } from '../../../../lib/local/runReconciliation.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { createDecideHandler } from '../../../../lib/runtime/lambda/decide/createDecideHandler.js';
import { reconcileStepHandlers } from '../../../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';
import type { ReconcileExecutionInput } from '../../../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import type { Finding } from '../../../../lib/services/reconciliation/findings.js';
import type { LocalTables } from '../../../support/dynamoDbLocalTables.js';
import { type FunctionHarness, fifoRecord, functionHarness } from '../../../support/lambdaRuntimeFixture.js';
import { reconcileDefinition } from '../../../support/reconcileDefinition.js';
import { LTC_CANDLES, LTC_MARKET, candle, closeOf } from '../../local/exchange-sim/simFixture.js';
import { everyCandleLtcConfig } from '../../../support/everyCandleLtcConfig.js';

// Powertools would print every flushed metric blob on stdout.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export const BOT_ID = 'itbot';
// Bot-managed stops: these scenarios reconcile positions decide protects at each candle, and the venue stops it places by hand.
export const CONFIG: BotConfigInput = { ...everyCandleLtcConfig(BOT_ID), execution: { stops: 'bot' } };
const context = { awsRequestId: 'req-1' } as Context;

/** Everything the ledger holds, for before/after comparisons. */
export interface LedgerView {
  readonly state: BotState;
  readonly livePlans: readonly Plan[];
  readonly endedPlans: readonly Plan[];
  readonly orders: readonly Record<string, unknown>[];
  readonly fills: readonly Record<string, unknown>[];
}

/** The ledger without the bot state (whose status and version a run moves by design). */
export function withoutState(view: LedgerView): Omit<LedgerView, 'state'> {
  const { livePlans, endedPlans, orders, fills } = view;
  return { livePlans, endedPlans, orders, fills };
}

export interface ReconcileRunView extends ReconciliationRun {
  /** The findings of every diff round, in order. */
  readonly rounds: readonly (readonly Finding[])[];
}

/**
 * A live bot on DynamoDB Local and the exchange simulator (LTC/BTC 5m, 1 BTC), through the
 * real ccxt client: the decide function to stage what a crash leaves behind, and the
 * synthesized reconciliation state machine run with every Task bound to the real step handler.
 */
export class ReconcileBot {
  /** The log lines of the runtime the last reconciliation ran on. */
  reconcileLogLines: readonly Record<string, unknown>[] = [];

  private constructor(
    readonly sim: ExchangeSimulator,
    readonly tables: TableNames,
    readonly client: DynamoDBDocumentClient,
    readonly gateway: CcxtExchange,
    readonly harness: FunctionHarness,
  ) {}

  /** `fills`: the venue's fill model (default: a market order fills whole); `firstCandle`: the first candle decide gets (default 10). */
  static async start(dynamo: LocalTables, options: { readonly fills?: FillModel; readonly firstCandle?: number } = {}): Promise<ReconcileBot> {
    const { fills, firstCandle = 10 } = options;
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' }, ...(fills ? { fills } : {}) });
    const tables = await dynamo.freshTables();
    const gateway = newGateway(sim);
    const harness = functionHarness(dynamo.client, tables, CONFIG, { ccxt: () => Promise.resolve(gateway), clock: { now: () => sim.now() } });
    // What capture leaves behind: the window of candles before the first decided one.
    await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(firstCandle - 10, firstCandle), closeOf(firstCandle - 1));
    return new ReconcileBot(sim, tables, dynamo.client, gateway, harness);
  }

  now(): number {
    return this.sim.now();
  }

  /** Moves the venue's clock to just after candle `index` closed, matching resting orders on the way. */
  advanceTo(index: number): void {
    this.sim.advanceTo(Math.max(this.sim.now(), closeOf(index) + 1_000));
  }

  /**
   * Decide on candle `index`, as the deployed function does. `crashBeforeCommit` kills it
   * after the venue accepted its orders and before the ledger commit (its transaction fails);
   * `venue` replaces the venue it trades on.
   */
  async decide(dynamo: LocalTables, index: number, options: { crashBeforeCommit?: boolean; venue?: CcxtExchange } = {}): Promise<SQSBatchResponse> {
    this.advanceTo(index);
    let harness = this.harness;
    if (options.crashBeforeCommit || options.venue) {
      const client = options.crashBeforeCommit ? crashingOnCommit(dynamo, this.tables) : dynamo.client;
      const venue = options.venue ?? this.gateway;
      harness = functionHarness(client, this.tables, CONFIG, { ccxt: () => Promise.resolve(venue), clock: { now: () => this.sim.now() } });
    }
    const event = { Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: candle(index) }, 1)] };
    return createDecideHandler(harness.runtime)(event, context);
  }

  /**
   * One run of the synthesized state machine, named `name`, with the real step handlers over a
   * runtime of `config`; `venue` replaces the venue the steps trade on.
   */
  async reconcile(
    name: string,
    input: ReconcileExecutionInput = { reason: 'manual' },
    config: BotConfigInput = CONFIG,
    venue?: CcxtExchange,
    /** ApplyRepair fails this many times after doing its work (a timeout after the write), so Step Functions retries it. */
    faults: { readonly applyRepairFailsAfterRunning?: number } = {},
  ): Promise<ReconcileRunView> {
    const harness =
      config === CONFIG && venue === undefined ? this.harness : functionHarness(this.client, this.tables, config, { ccxt: () => Promise.resolve(venue ?? this.gateway), clock: { now: () => this.sim.now() } });
    this.reconcileLogLines = harness.logLines;
    const handlers = reconcileStepHandlers(harness.runtime);
    const rounds: Finding[][] = [];
    const recording = { ...handlers };
    for (const step of ['diff', 'verify'] as const) {
      recording[step] = async (event) => {
        const result = (await handlers[step](event)) as { findings: Finding[] };
        rounds.push(result.findings);
        return result;
      };
    }
    let failuresLeft = faults.applyRepairFailsAfterRunning ?? 0;
    recording.applyRepair = async (event) => {
      const result = await handlers.applyRepair(event);
      if (failuresLeft-- > 0) throw new Error('Task timed out after the repair was applied');
      return result;
    };
    const run = await runReconciliation(await reconcileDefinition(), recording, { name, input, startedAt: this.now() });
    return { ...run, rounds };
  }

  async ledger(): Promise<LedgerView> {
    const plans = new DynamoDbPlanRepository(this.client, this.tables);
    const scan = async (table: string) => ((await this.client.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? []).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const ended = (await scan(this.tables.plans)) as unknown as Plan[];
    return {
      state: await new DynamoDbBotStateStore(this.client, this.tables).get(),
      livePlans: await plans.listLive(),
      endedPlans: ended,
      orders: await scan(this.tables.orders),
      fills: await scan(this.tables.fills),
    };
  }

  /** A query of the state table's stop-outs. */
  async stopOuts(): Promise<Record<string, unknown>[]> {
    const page = await this.client.send(new QueryCommand({ TableName: this.tables.state, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': 'BOT', ':s': 'STOPOUT#' } }));
    return page.Items ?? [];
  }

  stop(): Promise<void> {
    return this.sim.stop();
  }
}

function newGateway(sim: ExchangeSimulator): CcxtExchange {
  return new CcxtExchange(
    { exchangeId: 'binance' },
    { client: connectCcxtBinance(sim, { timeoutMs: 5_000 }), clock: { now: () => sim.now() }, logger: silentLogger, secrets: [sim.apiKey, sim.secret] },
  );
}

/** A document client whose every transaction writing a decision record fails: decide dies before its commit lands. */
function crashingOnCommit(dynamo: LocalTables, tables: TableNames): DynamoDBDocumentClient {
  const client = createDynamoDbClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: { Put?: { TableName?: string } }[] };
      if (input.TransactItems?.some((item) => item.Put?.TableName === tables.telemetry)) {
        throw new Error('the process died before its ledger commit');
      }
      return next(args);
    },
    { step: 'initialize', name: 'crashBeforeCommit' },
  );
  return client;
}

/**
 * The gateway with `createOrder` replaced: a decide (or repair) through it sends nothing, as
 * when the process dies after writing its intent (`throws`) or the venue's answer is lost and
 * cannot be looked up (`unknown`).
 */
export function gatewayThatNeverSends(gateway: CcxtExchange, failure: 'throws' | 'unknown'): CcxtExchange {
  const broken = Object.create(gateway) as CcxtExchange;
  const answer = () => (failure === 'throws' ? Promise.reject(new Error('the process died before sending')) : Promise.resolve({ kind: 'unknown' as const, reason: 'timed out' }));
  Object.defineProperty(broken, 'createOrder', { value: answer });
  if (failure === 'unknown') Object.defineProperty(broken, 'fetchOrderByClientId', { value: () => Promise.reject(new Error('lookup timed out')) });
  return broken;
}
