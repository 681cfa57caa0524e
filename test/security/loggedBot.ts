import { Writable } from 'node:stream';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { CcxtExchange } from '../../lib/adapters/ccxt/CcxtExchange.js';
import { credentialStrings } from '../../lib/adapters/ccxt/createCcxtClient.js';
import { DynamoDbCandleStore } from '../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { readExchangeCredentials } from '../../lib/adapters/ssm/readExchangeCredentials.js';
import type { TableNames } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { type BotConfig, BotConfigSchema } from '../../lib/domain/botConfig.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../lib/local/exchange-sim/index.js';
import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import type { LocalTables } from '../support/dynamoDbLocalTables.js';
import { lambdaEnvironment } from '../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, closeOf } from '../integration/local/exchange-sim/simFixture.js';
import { everyCandleLtcConfig } from '../support/everyCandleLtcConfig.js';

// Powertools would print every flushed metric blob on stdout, outside the captured log.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

/** The keys the venue is opened with: each begins with a marker no log line may hold, whole or cut short. */
export const API_KEY = 'FAKEKEY7Qm2xVb9LpR4tZc8NwE1yHs5KdG3jUa6oFi0XeT';
export const SECRET = 'FAKESECRET4Hn8sWq1Ze6Rb3Lp9Vx2Cm7Ty5Ju0Ka2Gd4Nf';
export const MARKERS = ['FAKEKEY', 'FAKESECRET'] as const;

const CONFIG: BotConfig = BotConfigSchema.parse(everyCandleLtcConfig('secbot'));
const RECONCILE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:secbot-reconcile';

/**
 * The bot's functions as Lambda runs them, on DynamoDB Local and the exchange simulator, every
 * log line of every function (level trace) kept as the raw text pino wrote. The venue's keys
 * reach ccxt as in production: read from the SSM SecureString (mocked) by
 * readExchangeCredentials, handed to the client and, for scrubbing, to the gateway.
 */
export class LoggedBot {
  /** What the exchange credentials SecureString holds; JSON credentials unless a test breaks it. */
  secretString = JSON.stringify({ apiKey: API_KEY, secret: SECRET });
  /** Every signature ccxt computed for a signed request. */
  readonly signatures = new Set<string>();
  private readonly chunks: string[] = [];
  readonly sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.chunks.push(chunk.toString());
      done();
    },
  });

  private constructor(
    readonly sim: ExchangeSimulator,
    readonly tables: TableNames,
    private readonly dynamo: LocalTables,
  ) {
    mockClient(SSMClient)
      .on(GetParameterCommand, { Name: `/${CONFIG.botId}/kill-switch` })
      .resolves({ Parameter: { Value: 'RUN' } })
      .on(GetParameterCommand, { Name: `/${CONFIG.botId}/runtime-config` })
      .rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }))
      .on(GetParameterCommand, { Name: `/${CONFIG.botId}/exchange-credentials`, WithDecryption: true })
      .callsFake(() => ({ Parameter: { Name: `/${CONFIG.botId}/exchange-credentials`, Type: 'SecureString', Value: this.secretString } }));
    mockClient(SFNClient).on(StartExecutionCommand).resolves({ executionArn: `${RECONCILE_ARN}:run`, startDate: new Date() });
    mockClient(SQSClient)
      .on(SendMessageBatchCommand)
      .callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: 'md5' })), Failed: [] }));
  }

  static async start(dynamo: LocalTables): Promise<LoggedBot> {
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' }, apiKey: API_KEY, secret: SECRET });
    const tables = await dynamo.freshTables();
    await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(0, 10), closeOf(9));
    return new LoggedBot(sim, tables, dynamo);
  }

  /** Everything every function logged so far. */
  get log(): string {
    return this.chunks.join('');
  }

  /** The messages of the log lines, in order. */
  messages(): string[] {
    return this.log
      .split('\n')
      .filter(Boolean)
      .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg));
  }

  /** A fresh function's runtime (a cold start): its venue is built on first use from the secret. */
  runtime(): LambdaRuntime {
    const env = lambdaEnvironment(this.tables, CONFIG, { logLevel: 'trace', reconcileStateMachineArn: RECONCILE_ARN });
    const clock = { now: () => this.sim.now() };
    const ssm = new SSMClient({ region: 'us-east-1' });
    const runtime: LambdaRuntime = new LambdaRuntime(env, {
      clock,
      dynamo: this.dynamo.client,
      ssm,
      sqs: new SQSClient({ region: 'us-east-1' }),
      sfn: new SFNClient({ region: 'us-east-1' }),
      logDestination: this.sink,
      // LambdaRuntime's own path but for the client, pointed at the simulator instead of the venue.
      ccxt: async () => {
        const credentials = await readExchangeCredentials(ssm, runtime.env.exchangeCredentialsParameter);
        const client = connectCcxtBinance({ url: this.sim.url, apiKey: credentials.apiKey, secret: credentials.secret }, { timeoutMs: 1_000 });
        this.recordSignatures(client);
        return new CcxtExchange(
          { exchangeId: runtime.config.exchange.id, retry: { maxAttempts: 2, baseDelayMs: 1 } },
          { client, clock, logger: runtime.logger, timing: { sleep: () => Promise.resolve(), random: () => 0.5 }, secrets: credentialStrings(credentials) },
        );
      },
    });
    return runtime;
  }

  private recordSignatures(client: object): void {
    type Signed = { url: string; body?: unknown };
    const target = client as { sign: (...args: unknown[]) => Signed };
    const sign = target.sign.bind(client);
    target.sign = (...args: unknown[]) => {
      const request = sign(...args);
      const found = /signature=([0-9a-f]+)/.exec(`${request.url} ${typeof request.body === 'string' ? request.body : ''}`);
      if (found?.[1] !== undefined) this.signatures.add(found[1]);
      return request;
    };
  }

  stop(): Promise<void> {
    return this.sim.stop();
  }
}
