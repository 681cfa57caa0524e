/**
 * `npm run promote -- [--yes] [--aws]`: the challenger beside the live model, and the swap only
 * when asked. The logic is in promoteCommand.ts; this file wires the real clients, the config
 * file, the local-bot registry and the terminal.
 */
import { createInterface } from 'node:readline/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadBotConfigFile } from '../cdk/loadBotConfigFile.js';
import { createSsmClient } from '../lib/adapters/ssm/createSsmClient.js';
import { LocalParameterStore } from '../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../lib/local/aws/localSsmClient.js';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../lib/local/bots/localBotRegistry.js';
import { UsageError } from './killSwitchCommand.js';
import { runPromoteCommand } from './promoteCommand.js';

try {
  const outcome = await runPromoteCommand(process.argv.slice(2), {
    runningLocalBots: () => runningLocalBots(DEFAULT_LOCAL_BOTS_DIR),
    localClients: (bot) => ({
      dynamo: new DynamoDBClient({ endpoint: bot.dynamoDbEndpoint ?? '', region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      ssm: localSsmClient(LocalParameterStore.open(bot.parameterFile)),
    }),
    awsClients: (region) => ({ dynamo: new DynamoDBClient({ ...(region !== undefined ? { region } : {}), maxAttempts: 4 }), ssm: createSsmClient(region !== undefined ? { region } : {}) }),
    readConfig: (configPath) => loadBotConfigFile(configPath),
    ask: async (question) => {
      if (!process.stdin.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
    print: (text) => console.log(text),
  });
  if (outcome?.kind === 'promoted') console.log(`promoted: the live strategy is now ${JSON.stringify(outcome.config.strategy)}; decide picks it up on its next runtime-config read`);
  if (outcome?.kind === 'declined') console.log('not promoted: nothing written');
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? `not promoted: ${error.message}` : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
