import { parseArgs } from 'node:util';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { KILL_SWITCH_STATES, type KillSwitchState } from '../lib/domain/killSwitch.js';
import { localSsmClient } from '../lib/local/aws/localSsmClient.js';
import { LocalParameterStore } from '../lib/local/aws/LocalParameterStore.js';
import type { LocalBotEntry } from '../lib/local/bots/localBotRegistry.js';
import { killSwitchParameterName } from '../cdk/parameterNames.js';
import { requireDeployedBotAccess } from './deployedBotAccess.js';

export const KILL_SWITCH_USAGE = [
  `usage: npm run kill-switch -- <${KILL_SWITCH_STATES.join('|')}> [--config config/bot.json] [--parameter /<botId>/kill-switch] [--region <region>] [--aws]`,
  '  Sets the bot\'s kill switch (an SSM parameter); heartbeat runs at once on the change.',
  '  While local bots run (npm start), sets the switch of each of them instead, unless --aws is given.',
  '  RUN trades; PAUSE_ENTRIES manages exits only; HALT sends nothing; FLATTEN cancels open orders and closes positions.',
  '  The parameter is /<botId>/kill-switch, botId from --config (default config/bot.json), unless --parameter names it.',
].join('\n');

/** A mistake on the command line: the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface KillSwitchArgs {
  readonly state: KillSwitchState;
  readonly configPath: string;
  readonly parameter?: string;
  readonly region?: string;
  /** Set the parameter in AWS even while a local bot runs. */
  readonly aws?: true;
}

export type ParsedArgs = { readonly help: true } | ({ readonly help: false } & KillSwitchArgs);

/** `HALT --config path`: the state is required and must be one of KILL_SWITCH_STATES (any letter case). */
export function parseKillSwitchArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'config/bot.json' },
        parameter: { type: 'string' },
        region: { type: 'string' },
        aws: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${KILL_SWITCH_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const allowed = `allowed values: ${KILL_SWITCH_STATES.join(', ')}`;
  if (positionals.length !== 1) {
    throw new UsageError(`${positionals.length === 0 ? 'no kill switch state given' : `one state expected, got ${positionals.join(' ')}`}; ${allowed}\n${KILL_SWITCH_USAGE}`);
  }
  const given = positionals[0]!;
  const state = KILL_SWITCH_STATES.find((candidate) => candidate === given.trim().toUpperCase());
  if (state === undefined) throw new UsageError(`${JSON.stringify(given)} is not a kill switch state; ${allowed}`);
  if (values.parameter !== undefined && !values.parameter.startsWith('/')) {
    throw new UsageError(`--parameter: ${JSON.stringify(values.parameter)} is not a parameter name (it starts with /, e.g. /trader/kill-switch)`);
  }
  return {
    help: false,
    state,
    configPath: values.config,
    ...(values.parameter !== undefined ? { parameter: values.parameter } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.aws ? { aws: true as const } : {}),
  };
}

/** The parameter to set: --parameter, else the one the stack creates for the configured bot. */
export function resolveParameterName(args: KillSwitchArgs, readBotId: (configPath: string) => string): string {
  return args.parameter ?? killSwitchParameterName(readBotId(args.configPath));
}

/** Overwrites the parameter with the state; returns the parameter's new version. */
export async function putKillSwitch(client: SSMClient, parameterName: string, state: KillSwitchState): Promise<number | undefined> {
  const { Version } = await client.send(new PutParameterCommand({ Name: parameterName, Value: state, Type: 'String', Overwrite: true }));
  return Version;
}

export interface KillSwitchCommandDeps {
  readonly createClient: (region: string | undefined) => SSMClient;
  readonly readBotId: (configPath: string) => string;
  /** The local bots running now (lib/local/bots/localBotRegistry.ts). @default none: AWS only */
  readonly runningLocalBots?: () => Promise<readonly LocalBotEntry[]>;
  /** @default LocalParameterStore.open */
  readonly openLocalParameters?: (file: string) => LocalParameterStore;
}

/** The whole command: what it did, as the lines to print. */
export async function runKillSwitchCommand(argv: readonly string[], deps: KillSwitchCommandDeps): Promise<string> {
  const args = parseKillSwitchArgs(argv);
  if (args.help) return KILL_SWITCH_USAGE;
  const localBots = args.aws || deps.runningLocalBots === undefined ? [] : await deps.runningLocalBots();
  if (localBots.length > 0) return setLocalKillSwitches(localBots, args.state, deps.openLocalParameters ?? ((file) => LocalParameterStore.open(file)));
  const parameterName = resolveParameterName(args, deps.readBotId);
  const client = deps.createClient(args.region);
  await requireDeployedBotAccess(client, !args.aws && deps.runningLocalBots !== undefined);
  const version = await putKillSwitch(client, parameterName, args.state);
  return `kill switch ${parameterName} set to ${args.state}${version !== undefined ? ` (parameter version ${version})` : ''}`;
}

/**
 * Sets the switch of every bot, through the same PutParameter the AWS path sends. A bot that
 * cannot be set does not stop the others being set: all are tried, then the failure is
 * thrown with every bot's line.
 */
async function setLocalKillSwitches(bots: readonly LocalBotEntry[], state: KillSwitchState, openLocalParameters: (file: string) => LocalParameterStore): Promise<string> {
  const lines: string[] = [];
  let failed = false;
  for (const { botId, pid, parameterFile } of bots) {
    const bot = `the local bot ${botId} (pid ${pid})`;
    try {
      const version = await putKillSwitch(localSsmClient(openLocalParameters(parameterFile)), killSwitchParameterName(botId), state);
      lines.push(`kill switch of ${bot} set to ${state}${version !== undefined ? ` (parameter version ${version})` : ''}`);
    } catch (error) {
      failed = true;
      lines.push(`kill switch of ${bot} not set: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed) throw new Error(`not every local bot's kill switch was set:\n${lines.join('\n')}`);
  return lines.join('\n');
}
