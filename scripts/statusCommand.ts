import { parseArgs } from 'node:util';
import { type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBotReadModel } from '../lib/adapters/dynamodb/DynamoDbBotReadModel.js';
import { TABLE_IDS, type TableId, type TableNames } from '../lib/adapters/dynamodb/tableDefinitions.js';
import type { Timeframe } from '../lib/domain/candle.js';
import type { LocalBotEntry } from '../lib/local/bots/localBotRegistry.js';
import { requireDeployedBotAccess } from './deployedBotAccess.js';
import { UsageError } from './killSwitchCommand.js';
import { statusViews, viewJson, viewTable } from './statusViews.js';

export const STATUS_USAGE = [
  'usage: npm run status -- [--json] [--aws] [--config config/bot.json] [--region <region>]',
  "  Shows the bot's open plans with unrealized PnL, profit, balance, daily roll-ups, last trades and bot actions.",
  '  Reads the running local bots (npm start); with none running, or with --aws, the deployed bot through DynamoDB',
  '  with your AWS credentials (its tables found by the stack name Trader-<botId>, botId from --config).',
  '  --json prints one JSON document for scripts; a terminal gets tables with colour (NO_COLOR turns it off).',
].join('\n');

export interface StatusArgs {
  readonly json: boolean;
  readonly aws: boolean;
  readonly configPath: string;
  readonly region?: string;
}

export function parseStatusArgs(argv: readonly string[]): { readonly help: true } | ({ readonly help: false } & StatusArgs) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        aws: { type: 'boolean', default: false },
        config: { type: 'string', default: 'config/bot.json' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${STATUS_USAGE}`);
  }
  if (values.help) return { help: true };
  return { help: false, json: values.json, aws: values.aws, configPath: values.config, ...(values.region !== undefined ? { region: values.region } : {}) };
}

/** Where a bot is read: its DynamoDB client, tables and series. */
export interface BotSource {
  readonly label: string;
  readonly client: DynamoDBClient;
  readonly tables: TableNames;
  readonly series: readonly { readonly symbol: string; readonly timeframe: Timeframe }[];
}

export interface StatusCommandDeps {
  readonly runningLocalBots: () => Promise<readonly LocalBotEntry[]>;
  /** DynamoDB Local of a local bot. */
  readonly localClient: (endpoint: string) => DynamoDBClient;
  /** DynamoDB in AWS, in the region given or the profile's. */
  readonly awsClient: (region: string | undefined) => DynamoDBClient;
  readonly readConfig: (configPath: string) => { readonly botId: string; readonly symbols: readonly { readonly symbol: string; readonly timeframe: Timeframe }[] };
  readonly now: () => number;
  readonly colour: boolean;
}

/** The whole command: the text to print. */
export async function runStatusCommand(argv: readonly string[], deps: StatusCommandDeps): Promise<string> {
  const args = parseStatusArgs(argv);
  if (args.help) return STATUS_USAGE;
  const sources = args.aws ? [] : localSources(await deps.runningLocalBots(), deps);
  if (sources.length === 0) sources.push(await deployedSource(args, deps, !args.aws));
  const shown = [];
  for (const source of sources) {
    const model = new DynamoDbBotReadModel({ client: DynamoDBDocumentClient.from(source.client), tables: source.tables, series: source.series });
    shown.push({ source, views: await statusViews(model, deps.now()) });
  }
  if (args.json) return JSON.stringify(shown.map(({ source, views }) => ({ bot: source.label, ...Object.fromEntries(Object.entries(views).map(([name, view]) => [name, viewJson(view)])) })), null, 2);
  return shown.map(({ source, views }) => [`== ${source.label}`, ...Object.values(views).map((view) => viewTable(view, deps.colour))].join('\n\n')).join('\n\n');
}

function localSources(bots: readonly LocalBotEntry[], deps: StatusCommandDeps): BotSource[] {
  return bots.map((bot) => {
    if (bot.dynamoDbEndpoint === undefined || bot.tableNames === undefined) {
      throw new UsageError(`the local bot ${bot.botId} (pid ${bot.pid}) was started by a version that does not say where its tables are: restart it (npm start), or read the deployed bot with --aws`);
    }
    return { label: `local bot ${bot.botId} (pid ${bot.pid})`, client: deps.localClient(bot.dynamoDbEndpoint), tables: bot.tableNames, series: bot.series ?? [] };
  });
}

async function deployedSource(args: StatusArgs, deps: StatusCommandDeps, localBotsLookedFor: boolean): Promise<BotSource> {
  const config = deps.readConfig(args.configPath);
  const client = deps.awsClient(args.region);
  await requireDeployedBotAccess(client, localBotsLookedFor);
  return { label: `deployed bot ${config.botId} (${await client.config.region()})`, client, tables: await findDeployedTables(client, `Trader-${config.botId}`), series: config.symbols };
}

/**
 * The stack's tables by the names CloudFormation gives them: `<stack>-Tables<id><8 hex>-<suffix>`
 * (the stack names no table itself, so that a second bot can deploy beside the first).
 */
export async function findDeployedTables(client: DynamoDBClient, stackName: string): Promise<TableNames> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ...(start !== undefined ? { ExclusiveStartTableName: start } : {}) }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start !== undefined);
  const found: Partial<Record<TableId, string>> = {};
  for (const id of TABLE_IDS) {
    const pattern = new RegExp(`^${stackName.replace(/[^\w-]/g, '')}-Tables${id}[0-9A-F]{8}-`);
    const matches = names.filter((name) => pattern.test(name));
    if (matches.length !== 1) throw new Error(`${matches.length === 0 ? 'no' : 'more than one'} ${id} table of the stack ${stackName} in this account and region: is the bot deployed here (cdk deploy), and is --region right?`);
    found[id] = matches[0]!;
  }
  return found as TableNames;
}
