import type { Candle, Timeframe } from '../../../domain/candle.js';
import type { ShadowConfig, TradingConfig } from '../../../domain/config.js';
import type { LlmParams } from '../../../strategy/llm/llmParams.js';
import { loadStrategy } from '../../../strategy/registry.js';
import { METRIC_NAMES } from '../metricNames.js';
import type { DecisionCycle, DecisionOutcome } from '../../../services/decision/DecisionCycle.js';
import { createDynamoDbDecider } from '../../decision/createDynamoDbDecider.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { ShadowFleet } from '../../../services/decision/ShadowFleet.js';
import type { Strategy } from '../../../strategy/Strategy.js';
import { DynamoDbShadowStore } from '../../../adapters/dynamodb/DynamoDbShadowStore.js';
import { InvalidInputError } from '../../../domain/errors.js';
import { proposesNothing, shadowOnlyConfig } from '../../backtest/shadowOnly.js';
import { createStoredShadowFleet } from '../../shadow/createStoredShadowFleet.js';

/**
 * The decider of a warm Lambda: built on the first message and kept, so its snapshot and
 * strategy windows stay warm across invocations; built again only when the runtime
 * configuration in SSM (risk limits, strategy parameters) changes.
 */
export class RuntimeDecider {
  private current?: { readonly key: string; readonly decider: Promise<DecisionCycle> };
  /**
   * The shadows, built once per process and kept across deciders: their books live in memory
   * between the writes a plan's opening or resolution makes, and are read once per cold start.
   */
  private fleet?: { readonly key: string; readonly fleet: Promise<ShadowFleet | undefined> };

  constructor(private readonly runtime: LambdaRuntime) {}

  async decide(symbol: string, timeframe: Timeframe, candle: Candle): Promise<DecisionOutcome> {
    const decider = await this.decider();
    if (this.runtime.config.mode === 'paper') this.runtime.paperVenue().observe(symbol, candle);
    return decider.decide(symbol, timeframe, candle);
  }

  private async decider(): Promise<DecisionCycle> {
    const { risk, strategy, shadow } = await this.runtime.runtimeConfig.read();
    // A runtime config that states shadows (the retrain job's challenger) replaces the deployed list.
    const shadows = shadow ?? this.runtime.config.shadow;
    const key = JSON.stringify({ risk, strategy, shadows });
    if (this.current?.key !== key) {
      if (this.current !== undefined) this.runtime.logger.info({ risk, strategy, shadows: shadows.map((s) => s.id) }, 'runtime configuration changed: new decider');
      // A failed build (a strategy module that does not load) is tried again on the next message.
      const decider = this.build({ ...this.runtime.config, risk, strategy }, shadows).catch((error: unknown) => {
        this.current = undefined;
        throw error;
      });
      this.current = { key, decider };
    }
    return this.current.decider;
  }

  private async build(config: TradingConfig, shadowList: readonly ShadowConfig[]): Promise<DecisionCycle> {
    const { runtime } = this;
    const onStaleCheckpoint = (info: { readonly checkpoint: string; readonly ageDays: number; readonly maxAgeDays: number }) => {
      runtime.metrics.count(METRIC_NAMES.modelCheckpointStale);
      runtime.logger.warn(info, 'model checkpoint is stale: no proposals until a newer one is deployed or maxCheckpointAgeDays is raised');
    };
    const fetchCheckpoint = runtime.checkpointFetcher();
    const services = {
      onStaleCheckpoint,
      ...(fetchCheckpoint !== undefined ? { fetchCheckpoint } : {}),
      // Loaded only for the llm strategy: another strategy's decide never evaluates the model clients.
      llm: async (params: LlmParams) => (await import('./createLlmServices.js')).createLlmServices(runtime, params),
    };
    const [main, exchange] = await Promise.all([loadStrategy(config.strategy, services), runtime.venue()]);
    // Shadow only: the main strategy decides as the shadow "main"; the live book proposes nothing and so sends nothing.
    const strategy = runtime.config.mode === 'shadow' ? proposesNothing(main) : main;
    const shadows = await this.shadows(shadowList, exchange, (shadowConfig) => loadStrategy(shadowConfig, services));
    return createDynamoDbDecider({
      client: runtime.dynamo,
      tables: runtime.env.tableNames,
      exchange,
      killSwitch: runtime.killSwitch,
      clock: runtime.clock,
      config,
      strategy,
      windowSize: runtime.config.windowSize,
      retentionDays: runtime.config.retentionDays,
      logger: runtime.logger,
      symbols: runtime.config.symbols,
      ...(shadows !== undefined ? { shadows } : {}),
    });
  }

  /** Kept across deciders while the shadow list stays the same; a new list (a new challenger) builds a new fleet. */
  private shadows(shadowList: readonly ShadowConfig[], exchange: Exchange, load: (config: Parameters<typeof loadStrategy>[0]) => Promise<Strategy>): Promise<ShadowFleet | undefined> {
    const key = JSON.stringify(shadowList);
    if (this.fleet?.key !== key) this.fleet = { key, fleet: this.buildShadows(shadowList, exchange, load) };
    return this.fleet.fleet;
  }

  private buildShadows(shadowList: readonly ShadowConfig[], exchange: Exchange, load: (config: Parameters<typeof loadStrategy>[0]) => Promise<Strategy>): Promise<ShadowFleet | undefined> {
    const { runtime } = this;
    const config = { ...runtime.config, shadow: [...shadowList] };
    return (async () => {
      const shadows = config.mode === 'shadow' ? shadowOnlyConfig(config).shadow : config.shadow;
      if (config.mode === 'shadow') runtime.logger.warn({ mode: config.mode, strategy: config.strategy.name }, 'mode "shadow": the main strategy decides as the shadow "main" on a virtual book; the live book sends no order');
      if (shadows.length === 0) return undefined;
      const startingBalances = config.shadowBalances ?? config.paperBalances;
      if (startingBalances === undefined) throw new InvalidInputError('shadowBalances', 'shadow strategies need starting balances: set shadowBalances (or paperBalances)');
      runtime.logger.info({ shadows: shadows.map((s) => `${s.id}: ${s.strategy}`), mode: config.mode }, 'shadow strategies decide beside the live one on virtual books; they send no order');
      return createStoredShadowFleet({
        shadows,
        store: new DynamoDbShadowStore({ client: runtime.dynamo, tableName: runtime.env.tableNames.shadow, retentionDays: config.retentionDays.shadow }),
        config,
        marketOf: (symbol) => exchange.market(symbol),
        startingBalances,
        loadStrategy: load,
        clock: runtime.clock,
        logger: runtime.logger,
      });
    })().catch((error: unknown) => {
      this.fleet = undefined;
      throw error;
    });
  }
}
