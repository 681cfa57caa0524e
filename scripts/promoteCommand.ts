import { parseArgs } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runtimeConfigParameterName } from '../cdk/parameterNames.js';
import { DynamoDbPlanRepository } from '../lib/adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbShadowStore } from '../lib/adapters/dynamodb/DynamoDbShadowStore.js';
import type { TableNames } from '../lib/adapters/dynamodb/tableDefinitions.js';
import { SsmRuntimeConfigDocument } from '../lib/adapters/ssm/SsmRuntimeConfigDocument.js';
import type { BotConfig } from '../lib/domain/botConfig.js';
import type { LocalBotEntry } from '../lib/local/bots/localBotRegistry.js';
import { CHALLENGER_SHADOW_ID } from '../lib/runtime/retrain/challengerShadow.js';
import { type PromoteOutcome, promoteChallenger } from '../lib/runtime/retrain/promoteChallenger.js';
import { requireDeployedBotAccess } from './deployedBotAccess.js';
import { UsageError } from './killSwitchCommand.js';
import { findDeployedTables } from './statusCommand.js';

export const PROMOTE_USAGE = [
  'usage: npm run promote -- [--yes] [--aws] [--config config/bot.json] [--region <region>]',
  '  Shows the shadow "challenger" (the retrain job\'s checkpoint) beside the live model: trades, return, win rate, PnL,',
  '  and calibration (Brier, log-loss, ECE, outcomes) of the plans closed since the challenger\'s training window ended;',
  '  then, when you confirm (or with --yes), makes its checkpoint the live strategy\'s in the runtime config and removes',
  '  the challenger shadow. Nothing is promoted automatically. Reads the running local bot (npm start); with none, or',
  '  with --aws, the deployed bot (DynamoDB and SSM with your AWS credentials, botId from --config).',
].join('\n');

export interface PromoteCommandDeps {
  readonly runningLocalBots: () => Promise<readonly LocalBotEntry[]>;
  readonly localClients: (bot: LocalBotEntry) => { readonly dynamo: DynamoDBClient; readonly ssm: SSMClient };
  readonly awsClients: (region: string | undefined) => { readonly dynamo: DynamoDBClient; readonly ssm: SSMClient };
  readonly readConfig: (configPath: string) => BotConfig;
  /** Asks on the terminal; true for yes. */
  readonly ask: (question: string) => Promise<boolean>;
  readonly print: (text: string) => void;
}

/** The whole command; the outcome, or undefined for --help. */
export async function runPromoteCommand(argv: readonly string[], deps: PromoteCommandDeps): Promise<PromoteOutcome | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        yes: { type: 'boolean', default: false },
        aws: { type: 'boolean', default: false },
        config: { type: 'string', default: 'config/bot.json' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${PROMOTE_USAGE}`);
  }
  if (values.help) {
    deps.print(PROMOTE_USAGE);
    return undefined;
  }
  const config = deps.readConfig(values.config);
  const local = values.aws ? undefined : (await deps.runningLocalBots()).find((bot) => bot.botId === config.botId);
  let clients: { readonly dynamo: DynamoDBClient; readonly ssm: SSMClient };
  let tables: TableNames;
  if (local !== undefined) {
    if (local.tableNames === undefined) throw new UsageError(`the local bot ${local.botId} (pid ${local.pid}) does not say where its tables are: restart it (npm start)`);
    clients = deps.localClients(local);
    tables = local.tableNames;
    deps.print(`local bot ${local.botId} (pid ${local.pid})`);
  } else {
    clients = deps.awsClients(values.region);
    await requireDeployedBotAccess(clients.dynamo, !values.aws);
    tables = await findDeployedTables(clients.dynamo, `Trader-${config.botId}`);
    deps.print(`deployed bot ${config.botId} (${await clients.dynamo.config.region()})`);
  }
  const document = DynamoDBDocumentClient.from(clients.dynamo);
  const plans = new DynamoDbPlanRepository(document, tables);
  const shadows = new DynamoDbShadowStore({ client: document, tableName: tables.shadow, retentionDays: config.retentionDays.shadow });
  const symbols = [...new Set(config.symbols.map((s) => s.symbol))];
  return promoteChallenger({
    runtimeConfig: new SsmRuntimeConfigDocument(clients.ssm, runtimeConfigParameterName(config.botId), { risk: config.risk, strategy: config.strategy }),
    deployedShadows: config.shadow,
    liveClosedPlans: async (since) => (await Promise.all(symbols.map((symbol) => plans.listClosedSince(symbol, since)))).flat(),
    challengerPlans: (limit) => shadows.resolvedPlans(CHALLENGER_SHADOW_ID, limit),
    calibrationWindow: config.calibration.outcomes,
    confirm: async (text) => {
      deps.print(text);
      return values.yes || (await deps.ask('promote the challenger? [y/N] '));
    },
  });
}
