/**
 * `npm run retrain -- [--config config/bot.json] [--out models]`: the retrain job on the running
 * local bot (npm start): its captured candles in DynamoDB Local, the challenger written under
 * `<out>/challengers/<window end>/`, and the shadow "challenger" set in its runtime config. The
 * deployed bot retrains on its schedule (`cdk deploy -c retrain=weekly`).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadBotConfigFile } from '../cdk/loadBotConfigFile.js';
import { runtimeConfigParameterName } from '../cdk/parameterNames.js';
import { DynamoDbCandleStore } from '../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DirectoryObjectStore } from '../lib/adapters/filesystem/DirectoryObjectStore.js';
import { SsmRuntimeConfigDocument } from '../lib/adapters/ssm/SsmRuntimeConfigDocument.js';
import { LocalParameterStore } from '../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../lib/local/aws/localSsmClient.js';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../lib/local/bots/localBotRegistry.js';
import { liveLabelRule } from '../lib/runtime/retrain/liveLabelRule.js';
import { retrainChallenger } from '../lib/runtime/retrain/retrainChallenger.js';
import { verifyCheckpoint } from '../lib/runtime/retrain/verifyCheckpoint.js';

try {
  const { values } = parseArgs({ options: { config: { type: 'string', default: 'config/bot.json' }, out: { type: 'string', default: 'models' } } });
  const config = loadBotConfigFile(values.config);
  const bot = (await runningLocalBots(DEFAULT_LOCAL_BOTS_DIR)).find((entry) => entry.botId === config.botId);
  if (bot?.dynamoDbEndpoint === undefined || bot.tableNames === undefined) {
    throw new Error(`no running local bot ${config.botId} (npm start) to retrain from; the deployed bot retrains on its schedule (cdk deploy -c retrain=weekly)`);
  }
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: bot.dynamoDbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const runtimeConfig = new SsmRuntimeConfigDocument(localSsmClient(LocalParameterStore.open(bot.parameterFile)), runtimeConfigParameterName(config.botId), { risk: config.risk, strategy: config.strategy });
  const rule = await liveLabelRule((await runtimeConfig.read()).strategy);
  const outcome = await retrainChallenger({
    candles: new DynamoDbCandleStore({ client: dynamo, tables: bot.tableNames, retentionDays: config.retentionDays.market }),
    symbols: config.symbols,
    checkpoints: new DirectoryObjectStore(values.out),
    runtimeConfig,
    deployedShadows: config.shadow,
    settings: config.retrain,
    ...(rule !== undefined ? { rule } : {}),
    now: Date.now(),
    verify: (checkpoint) => verifyCheckpoint(checkpoint),
  });
  if (outcome.kind === 'refused') {
    console.log(`no challenger: ${outcome.reason}`);
  } else {
    const v = outcome.card.validation;
    console.log(`challenger ${outcome.checkpoint}: ${outcome.candles} candles, validation ${v.samples} samples, Brier ${v.brier.toFixed(4)}, log-loss ${v.logLoss.toFixed(4)}, AUC ${v.auc?.toFixed(3) ?? 'n/a'}`);
    console.log('it runs as the shadow "challenger" from the next decision; npm run promote compares it with the live model');
  }
} catch (error) {
  console.error(`retrain failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
