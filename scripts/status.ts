/**
 * `npm run status -- [--json] [--aws]`: the bot's views in the terminal. The logic is in
 * statusCommand.ts; this file wires the real DynamoDB clients, config file and local-bot registry.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadBotConfigFile } from '../cdk/loadBotConfigFile.js';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../lib/local/bots/localBotRegistry.js';
import { UsageError } from './killSwitchCommand.js';
import { runStatusCommand } from './statusCommand.js';

try {
  console.log(
    await runStatusCommand(process.argv.slice(2), {
      runningLocalBots: () => runningLocalBots(DEFAULT_LOCAL_BOTS_DIR),
      localClient: (endpoint) => new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      awsClient: (region) => new DynamoDBClient({ ...(region !== undefined ? { region } : {}), maxAttempts: 4 }),
      readConfig: (configPath) => loadBotConfigFile(configPath),
      now: Date.now,
      colour: process.stdout.isTTY && process.env['NO_COLOR'] === undefined,
    }),
  );
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? `status not read: ${error.name}: ${error.message}` : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
