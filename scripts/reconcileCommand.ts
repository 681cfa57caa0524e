import { parseArgs } from 'node:util';
import { DescribeExecutionCommand, ListStateMachinesCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { reconcileStateMachineName } from '../cdk/parameterNames.js';
import type { ReconcileExecutionInput } from '../lib/runtime/lambda/reconcile/reconcileSteps.js';
import type { LocalBotEntry } from '../lib/local/bots/localBotRegistry.js';
import { UsageError } from './killSwitchCommand.js';

export const RECONCILE_USAGE = [
  'usage: npm run reconcile -- [--resume] [--config config/bot.json] [--region <region>] [--aws]',
  "  Starts the deployed bot's reconciliation (the <botId>-reconcile state machine) and waits for its result.",
  '  --resume also lifts a HALTED bot (only a person does that); without it a halted bot stays halted.',
  '  While local bots run (npm start), says how to reconcile them instead, unless --aws is given.',
].join('\n');

export interface ReconcileArgs {
  readonly configPath: string;
  readonly resume: boolean;
  readonly region?: string;
  /** Reconcile the deployed bot even while a local bot runs. */
  readonly aws?: true;
}

export function parseReconcileArgs(argv: readonly string[]): { readonly help: true } | ({ readonly help: false } & ReconcileArgs) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string', default: 'config/bot.json' },
        resume: { type: 'boolean', default: false },
        region: { type: 'string' },
        aws: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${RECONCILE_USAGE}`);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  return {
    help: false,
    configPath: values.config,
    resume: values.resume,
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.aws ? { aws: true as const } : {}),
  };
}

/**
 * A local bot reconciles as the deployed one does, when it starts and when its kill switch goes
 * back to RUN; this command reaches only the deployed state machine, so it says so rather than
 * reconciling a bot the user did not mean.
 */
export function refuseWhileLocalBotsRun(args: ReconcileArgs, localBots: readonly LocalBotEntry[]): void {
  if (args.aws || localBots.length === 0) return;
  const bots = localBots.map(({ botId, pid }) => `${botId} (pid ${pid})`).join(', ');
  throw new UsageError(
    `local bot${localBots.length > 1 ? 's' : ''} running: ${bots}. A local bot reconciles when it starts and when its kill switch goes back to RUN: ` +
      '`npm run kill-switch -- RUN`' +
      `${args.resume ? ' (which also lifts a HALTED bot)' : ''}.\n  To reconcile the deployed bot instead: \`npm run reconcile -- --aws${args.resume ? ' --resume' : ''}\`.`,
  );
}

/** The bot's state machine, found by the name the stack gives it. */
export async function findStateMachineArn(client: SFNClient, botId: string): Promise<string> {
  const name = reconcileStateMachineName(botId);
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ ...(nextToken ? { nextToken } : {}) }));
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new Error(`no state machine named ${name} in this account and region: is the bot deployed here (cdk deploy), and is --region right?`);
}

export interface ExecutionResult {
  readonly name: string;
  readonly status: string;
  /** What the run found (succeeded) or why it failed. */
  readonly summary: string;
}

export interface ReconcileCommandDeps {
  readonly client: SFNClient;
  readonly botId: string;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** How long to wait for the run: the state machine's own limit is 15 minutes. */
  readonly timeoutMs?: number;
}

/** Starts one manual run under a name of its own and polls it every 2 seconds until it ends. */
export async function runReconcileCommand(args: ReconcileArgs, deps: ReconcileCommandDeps): Promise<ExecutionResult> {
  const stateMachineArn = await findStateMachineArn(deps.client, deps.botId);
  const name = `${deps.botId}-manual-${new Date(deps.now()).toISOString().replace(/[-:T.Z]/g, '').slice(0, 17)}`;
  const input: ReconcileExecutionInput = { reason: 'manual', resumeHalted: args.resume };
  const { executionArn } = await deps.client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  if (!executionArn) throw new Error('Step Functions started no execution');
  const deadline = deps.now() + (deps.timeoutMs ?? 16 * 60_000);
  for (;;) {
    const execution = await deps.client.send(new DescribeExecutionCommand({ executionArn }));
    const status = execution.status ?? 'UNKNOWN';
    if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') return { name, status, summary: summarize(status, execution.output, execution.error, execution.cause) };
    if (deps.now() > deadline) return { name, status, summary: `still running after ${Math.round((deps.timeoutMs ?? 16 * 60_000) / 60_000)} minutes: see ${executionArn}` };
    await deps.sleep(2_000);
  }
}

function summarize(status: string, output: string | undefined, error: string | undefined, cause: string | undefined): string {
  if (status !== 'SUCCEEDED') return `${error ?? 'failed'}: ${cause ?? 'no cause given'}`;
  const state = JSON.parse(output ?? '{}') as { lock?: { locked?: boolean; status?: string }; diff?: { round?: number; findings?: { kind: string }[] } };
  if (state.lock?.locked === false) return `not run: the bot is ${state.lock.status ?? 'locked'} (another reconciliation holds it, or it is HALTED: use --resume)`;
  const kinds = (state.diff?.findings ?? []).map((f) => f.kind);
  return `reconciled in ${state.diff?.round ?? 1} round(s); last findings: ${kinds.length === 0 ? 'none' : kinds.join(', ')}`;
}
