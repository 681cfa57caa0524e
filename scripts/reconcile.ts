/**
 * `npm run reconcile -- [--resume]`: starts the deployed bot's reconciliation and prints how it
 * ended. The logic is in reconcileCommand.ts; this file wires the real client and config file.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SFNClient } from '@aws-sdk/client-sfn';
import { loadBotConfigFile } from '../cdk/loadBotConfigFile.js';
import { UsageError } from './killSwitchCommand.js';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../lib/local/bots/localBotRegistry.js';
import { requireDeployedBotAccess } from './deployedBotAccess.js';
import { RECONCILE_USAGE, parseReconcileArgs, refuseWhileLocalBotsRun, runReconcileCommand } from './reconcileCommand.js';

try {
  const args = parseReconcileArgs(process.argv.slice(2));
  if (args.help) {
    console.log(RECONCILE_USAGE);
  } else {
    refuseWhileLocalBotsRun(args, args.aws ? [] : await runningLocalBots(DEFAULT_LOCAL_BOTS_DIR));
    const client = new SFNClient({ ...(args.region !== undefined ? { region: args.region } : {}), maxAttempts: 4 });
    await requireDeployedBotAccess(client, !args.aws);
    const result = await runReconcileCommand(args, { client, botId: loadBotConfigFile(args.configPath).botId, now: Date.now, sleep: (ms) => sleep(ms) });
    console.log(`${result.name}: ${result.status}: ${result.summary}`);
    if (result.status !== 'SUCCEEDED') process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? `reconciliation not run: ${error.name}: ${error.message}` : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
