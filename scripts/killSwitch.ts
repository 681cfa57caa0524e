/**
 * `npm run kill-switch -- HALT`: sets the bot's kill switch. The logic is in
 * killSwitchCommand.ts; this file only wires the real SSM client, config file and the
 * registry of running local bots.
 */
import { loadBotConfigFile } from '../cdk/loadBotConfigFile.js';
import { createSsmClient } from '../lib/adapters/ssm/createSsmClient.js';
import { LocalParameterStore } from '../lib/local/aws/LocalParameterStore.js';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../lib/local/bots/localBotRegistry.js';
import { runKillSwitchCommand, UsageError } from './killSwitchCommand.js';

try {
  const done = await runKillSwitchCommand(process.argv.slice(2), {
    // An operator's terminal is not a Lambda on the AWS network: allow a slower connection.
    createClient: (region) => createSsmClient({ ...(region !== undefined ? { region } : {}), connectionTimeoutMs: 5000, requestTimeoutMs: 10_000 }),
    readBotId: (configPath) => loadBotConfigFile(configPath).botId,
    runningLocalBots: () => runningLocalBots(DEFAULT_LOCAL_BOTS_DIR),
    openLocalParameters: (file) => LocalParameterStore.open(file),
  });
  console.log(done);
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? `kill switch not set: ${error.name}: ${error.message}` : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
