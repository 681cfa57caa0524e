import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Logger as PinoLogger } from 'pino';
import type { CcxtExchange } from '../../adapters/ccxt/CcxtExchange.js';
// Type only: the S3 client is the retrain function's alone.
import type { S3Connection } from '../../adapters/s3/createS3Client.js';
import { EmfMetrics } from '../../adapters/cloudwatch/EmfMetrics.js';
import { type DynamoDbClient, createDynamoDbClient } from '../../adapters/dynamodb/createDynamoDbClient.js';
import { DynamoDbPaperVenue } from '../../adapters/dynamodb/DynamoDbPaperVenue.js';
import { DynamoDbVenueHoldStore } from '../../adapters/dynamodb/DynamoDbVenueHoldStore.js';
import { createSsmClient } from '../../adapters/ssm/createSsmClient.js';
import { readExchangeCredentials } from '../../adapters/ssm/readExchangeCredentials.js';
import { SsmKillSwitch } from '../../adapters/ssm/SsmKillSwitch.js';
import { SsmRuntimeConfig } from '../../adapters/ssm/SsmRuntimeConfig.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { type RuntimeConfig, RuntimeConfigSchema } from '../../domain/runtimeConfig.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Metrics } from '../../ports/Metrics.js';
import { METRIC_NAMES } from './metricNames.js';
import { NoOrderVenue } from '../shadow/NoOrderVenue.js';
import type { RuntimeConfigSource } from '../../ports/RuntimeConfigSource.js';
import type { VenueHoldStore } from '../../ports/VenueHoldStore.js';
import { PendingWrites } from './PendingWrites.js';
import { shareVenueHold } from './shareVenueHold.js';
import { cachedCheckpoints } from '../retrain/cachedCheckpoints.js';
import { systemClock } from '../systemClock.js';
import { createLogger } from './createLogger.js';
import { LAMBDA_ENV, type LambdaEnv, readLambdaEnv } from './env.js';
import { InvalidInputError } from '../../domain/errors.js';
import { ccxtGatewaySettings } from './ccxtGatewaySettings.js';

/**
 * Clients a test points at DynamoDB Local, the simulator or mocks; real AWS clients
 * otherwise. SQS and Step Functions clients come from the functions that use them, so the
 * other functions' bundles do not carry those SDK clients.
 */
export interface LambdaRuntimeOverrides {
  readonly clock?: Clock;
  readonly dynamo?: DynamoDbClient;
  readonly ssm?: SSMClient;
  readonly sqs?: SQSClient;
  readonly sfn?: SFNClient;
  readonly secrets?: SecretsManagerClient;
  /** Where the checkpoint bucket is reached instead of AWS (the loopback S3 server, in tests). */
  readonly s3?: S3Connection;
  /** Where fetched checkpoints are cached (a fresh directory per test); `<tmpdir>/checkpoints` (Lambda's /tmp) otherwise. */
  readonly checkpointCacheDir?: string;
  /** Builds the ccxt exchange instead of the configured venue's class (the simulator's, in tests). */
  readonly ccxt?: (credentials: boolean) => Promise<CcxtExchange>;
  readonly logDestination?: NonNullable<Parameters<typeof createLogger>[0]['destination']>;
  /** The `llm` strategy's provider reached elsewhere (the loopback model server), and a file its calls are also appended to. */
  readonly llm?: LlmRuntimeOverrides;
}

export interface LlmRuntimeOverrides {
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
  /** --llm-record FILE: every call appended as a JSON line. */
  readonly recordFile?: string;
}

type StrategyCheck = 'load' | 'params';

/**
 * Everything a function's handler needs, built once per cold start from the environment
 * and kept while the execution environment lives. Exchange clients are built on first
 * use, so a function (or a decision) that never touches the venue never loads ccxt.
 */
export class LambdaRuntime {
  readonly env: LambdaEnv;
  readonly config: BotConfig;
  readonly clock: Clock;
  readonly logger: PinoLogger;
  readonly dynamo: DynamoDbClient;
  readonly ssm: SSMClient;
  readonly killSwitch: KillSwitch;
  /** For a function that runs the strategies it names (decide, retrain): a config whose strategy or shadow does not load is rejected. */
  readonly runtimeConfig: RuntimeConfigSource<RuntimeConfig>;
  /** For a function that reads only the risk limits (heartbeat): the strategies' params are checked, not loaded. */
  readonly runtimeConfigWithoutStrategies: RuntimeConfigSource<RuntimeConfig>;
  /** The Powertools instance the handler's middleware flushes after each invocation. */
  readonly powertoolsMetrics: PowertoolsMetrics;
  readonly metrics: Metrics;
  /** Writes each handler waits for before its invocation ends (`pendingWrites.middleware()`). */
  readonly pendingWrites = new PendingWrites();
  private marketDataExchange?: Promise<CcxtExchange>;
  private tradingVenue?: Promise<Exchange>;
  private paper?: DynamoDbPaperVenue;
  private secretsClient?: SecretsManagerClient;
  private venueHoldStore?: VenueHoldStore;
  private checkpointFetch?: (location: string) => Promise<string>;
  /** Lambda's AWS_REGION: the checkpoint GET signs for it. */
  private readonly region: string | undefined;

  constructor(
    variables: NodeJS.ProcessEnv = process.env,
    private readonly overrides: LambdaRuntimeOverrides = {},
  ) {
    this.env = readLambdaEnv(variables);
    this.region = variables.AWS_REGION;
    this.config = this.env.botConfig;
    this.clock = overrides.clock ?? systemClock;
    this.logger = createLogger({ service: this.env.serviceName, level: this.env.logLevel, ...(overrides.logDestination ? { destination: overrides.logDestination } : {}) });
    this.dynamo = overrides.dynamo ?? createDynamoDbClient();
    this.ssm = overrides.ssm ?? createSsmClient();
    this.killSwitch = new SsmKillSwitch({ client: this.ssm, parameterName: this.env.killSwitchParameter, clock: this.clock, logger: this.logger });
    this.runtimeConfig = this.ssmRuntimeConfig('load');
    this.runtimeConfigWithoutStrategies = this.ssmRuntimeConfig('params');
    // Powertools' own notes (an invocation with no metric is normal here) go to our log at debug.
    const metricsLog = this.logger.child({ component: 'metrics' });
    const note = (...args: unknown[]) => metricsLog.debug({ args }, 'powertools metrics');
    this.powertoolsMetrics = new PowertoolsMetrics({
      namespace: this.env.metricsNamespace,
      serviceName: this.env.serviceName,
      logger: { debug: note, info: note, warn: note, error: (...args: unknown[]) => metricsLog.error({ args }, 'powertools metrics') },
    });
    this.metrics = new EmfMetrics(this.powertoolsMetrics);
  }

  /**
   * The runtime configuration over its SSM parameter, checked before use: `load` loads every
   * strategy it names (a model's checkpoint fetched and checked), as a function that runs them
   * must; `params` checks their params only, for a function that reads the risk limits and
   * carries no model runtime nor checkpoint bucket (heartbeat), so that a model or a challenger
   * in the config does not make it fall back to the deployed limits.
   */
  private ssmRuntimeConfig(strategies: StrategyCheck): SsmRuntimeConfig<RuntimeConfig> {
    const { risk, strategy } = this.config;
    return new SsmRuntimeConfig({
      client: this.ssm,
      parameterName: this.env.runtimeConfigParameter,
      schema: RuntimeConfigSchema,
      fallback: { risk, strategy },
      check: async (config) => {
        // Loaded on first read: capture and maintenance never read the runtime configuration.
        const { checkRuntimeStrategies } = await import('./checkRuntimeStrategies.js');
        await checkRuntimeStrategies(config, strategies === 'load' ? { load: true, fetchCheckpoint: this.checkpointFetcher() } : { load: false });
      },
      clock: this.clock,
      logger: this.logger,
    });
  }

  /** The `llm` strategy's overrides, when the runtime runs locally. */
  get llmOverrides(): LlmRuntimeOverrides | undefined {
    return this.overrides.llm;
  }

  /** The checkpoint bucket's connection when a test points it elsewhere (the retrain function's S3 client uses it too). */
  get s3Override(): S3Connection | undefined {
    return this.overrides.s3;
  }

  /**
   * Brings an `s3://` checkpoint of the checkpoint bucket to /tmp once per execution
   * environment, by one signed GET per object (no S3 client: decide's bundle stays under its
   * 1.5 MB); undefined when the stack deployed no bucket. Loaded on first use, so a bot without
   * retraining never evaluates it.
   */
  checkpointFetcher(): ((location: string) => Promise<string>) | undefined {
    const bucket = this.env.checkpointBucket;
    if (bucket === undefined) return undefined;
    let get: Promise<(bucket: string, key: string) => Promise<Uint8Array>> | undefined;
    const getObject = async (key: string) => (await (get ??= this.signedObjectGet()))(bucket, key);
    const cacheDir = this.overrides.checkpointCacheDir;
    return (this.checkpointFetch ??= cachedCheckpoints({ bucket, getObject, ...(cacheDir !== undefined ? { cacheDir } : {}) }));
  }

  private async signedObjectGet(): Promise<(bucket: string, key: string) => Promise<Uint8Array>> {
    const [{ signedObjectGet }, { fromEnv }] = await Promise.all([import('../../adapters/s3/signedObjectGet.js'), import('@aws-sdk/credential-provider-env')]);
    const override = this.overrides.s3;
    if (override !== undefined) return signedObjectGet(override);
    if (this.region === undefined) throw new InvalidInputError('environment: AWS_REGION', `is not set: the checkpoint bucket (${LAMBDA_ENV.CHECKPOINT_BUCKET}) is read with a request signed for the function's region`);
    // Lambda hands the function its role's keys in the environment.
    return signedObjectGet({ region: this.region, credentials: fromEnv() });
  }

  /** Secrets Manager (the llm strategy's OpenAI-compatible key): the given client, or one made on first use. */
  secrets(): SecretsManagerClient {
    return (this.secretsClient ??= this.overrides.secrets ?? new SecretsManagerClient({ maxAttempts: 4 }));
  }

  /** The SQS client the function supplied (capture). */
  get sqs(): SQSClient {
    if (this.overrides.sqs === undefined) throw new Error('LambdaRuntime: this function was built without an SQS client');
    return this.overrides.sqs;
  }

  /** The Step Functions client the function supplied (heartbeat). */
  get sfn(): SFNClient {
    if (this.overrides.sfn === undefined) throw new Error('LambdaRuntime: this function was built without a Step Functions client');
    return this.overrides.sfn;
  }

  /** The venue's public market data (candles, tickers, markets); keyed in live mode, where it is also the trading venue. */
  marketData(): Promise<CcxtExchange> {
    if (this.config.mode === 'live') return this.venue() as Promise<CcxtExchange>;
    return (this.marketDataExchange ??= this.ccxt(false).catch((error: unknown) => {
      this.marketDataExchange = undefined;
      throw error;
    }));
  }

  /** Where orders go: the paper venue in DynamoDB, the live exchange with the keys from their SSM SecureString, or nowhere (shadow). */
  venue(): Promise<Exchange> {
    if (this.config.mode === 'paper') return Promise.resolve(this.paperVenue());
    // Shadow only: public market data, no keys, no order.
    if (this.config.mode === 'shadow') {
      return (this.tradingVenue ??= this.marketData().then(
        (data) => new NoOrderVenue(data),
        (error: unknown) => {
          this.tradingVenue = undefined;
          throw error;
        },
      ));
    }
    // A failure (an unfilled secret, a network error) is not kept: the next call tries again.
    return (this.tradingVenue ??= this.ccxt(true).catch((error: unknown) => {
      this.tradingVenue = undefined;
      throw error;
    }));
  }

  /** The paper venue (paper mode only): its balances, orders and fills in the state table. */
  paperVenue(): DynamoDbPaperVenue {
    if (this.config.mode !== 'paper') throw new Error('paperVenue: the bot trades live');
    return (this.paper ??= new DynamoDbPaperVenue({
      client: this.dynamo,
      tableName: this.env.tableNames.state,
      startingBalances: this.config.paperBalances ?? {},
      slippagePct: this.config.execution.paperSlippagePct,
      clock: this.clock,
    }));
  }

  private async ccxt(withKeys: boolean): Promise<CcxtExchange> {
    const [exchange, shared] = await Promise.all([this.buildCcxt(withKeys), this.venueHolds.read()]);
    return shareVenueHold(exchange, shared, this.venueHolds, this.logger, this.pendingWrites);
  }

  private async buildCcxt(withKeys: boolean): Promise<CcxtExchange> {
    if (this.overrides.ccxt) return this.overrides.ccxt(withKeys);
    // Loaded on first use: a decision that places no order never loads ccxt.
    const { CcxtExchange } = await import('../../adapters/ccxt/CcxtExchange.js');
    const deps = { clock: this.clock, logger: this.logger, onVenueHold: () => this.metrics.count(METRIC_NAMES.venueHolds) };
    const settings = ccxtGatewaySettings(this.config.exchange);
    if (!withKeys) return CcxtExchange.fromConfig(settings, undefined, deps);
    // Read once per container: the venue built with them is kept (a failed read is not).
    const credentials = await readExchangeCredentials(this.ssm, this.env.exchangeCredentialsParameter);
    return CcxtExchange.fromConfig(settings, credentials, deps);
  }

  /** The venue hold every function shares: one item of the state table (DynamoDbVenueHoldStore). */
  private get venueHolds(): VenueHoldStore {
    return (this.venueHoldStore ??= new DynamoDbVenueHoldStore(this.dynamo, this.env.tableNames.state));
  }
}
