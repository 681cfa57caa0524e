import { BOT_COMMANDS, type BotCommand, FLATTEN_CONFIRMATION } from '../../domain/botCommand.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { BotActor } from '../../domain/telegramUpdate.js';
import type { BotReadModel } from '../../ports/BotReadModel.js';
import type { KillSwitchControl } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { ReconciliationStart } from '../../ports/ReconciliationStarter.js';
import type { TelemetryStore } from '../../ports/TelemetryStore.js';
import { actionsView, balanceView, dailyView, tradesView } from '../botViews/ledgerViews.js';
import { profitView } from '../botViews/profitView.js';
import { renderViewText } from '../botViews/renderViewText.js';
import { statusView } from '../botViews/statusView.js';

const DAY_MS = 86_400_000;

export interface BotCommandDeps {
  readonly views: BotReadModel;
  readonly killSwitch: KillSwitchControl;
  /** Starts the reconciliation state machine, named after the update (a replay starts none). */
  readonly startReconciliation: (actor: BotActor) => Promise<ReconciliationStart>;
  readonly actions: Pick<TelemetryStore, 'recordAction'>;
  readonly now: () => number;
  readonly logger: Logger;
}

const SWITCH_OF: Partial<Record<BotCommand['name'], KillSwitchState>> = { pause: 'PAUSE_ENTRIES', halt: 'HALT', run: 'RUN' };

/**
 * One command from an allowed chat → the answer to send. Reads answer from the views; a
 * command that changes state (the kill switch, a reconciliation) then writes a `command`
 * bot action naming the chat, user and update that gave it, and what came of it. `/flatten`
 * acts only as `/flatten CONFIRM`, in one message: a bare `/flatten` changes nothing.
 */
export async function runBotCommand(command: BotCommand, actor: BotActor, deps: BotCommandDeps): Promise<string> {
  const { views } = deps;
  switch (command.name) {
    case 'status': {
      const [plans, prices, state] = await Promise.all([views.livePlans(), views.latestPrices(), views.botState()]);
      return renderViewText(statusView(plans, prices, state.status));
    }
    case 'profit':
      return renderViewText(profitView(await views.dailyStats(), deps.now()));
    case 'balance':
      return renderViewText(balanceView(await views.latestEquity()));
    case 'daily':
      return renderViewText(dailyView(await views.dailyStats()));
    case 'trades':
      return renderViewText(tradesView(await views.closedPlansSince(deps.now() - 7 * DAY_MS)));
    case 'actions':
      return renderViewText(actionsView(await views.recentActions(10)));
    case 'help':
      return Object.entries(BOT_COMMANDS).map(([name, what]) => `/${name}: ${what}`).join('\n');
    case 'flatten':
      if (command.args.length !== 1 || command.args[0] !== FLATTEN_CONFIRMATION) {
        return `Not flattened: /flatten cancels every open order and closes every position at market. To do it, send /flatten ${FLATTEN_CONFIRMATION}`;
      }
      return changeState(command, actor, deps, () => setSwitch('FLATTEN', deps));
    case 'reconcile':
      return changeState(command, actor, deps, async () => describeStart(await deps.startReconciliation(actor)));
    case 'pause':
    case 'halt':
    case 'run':
      return changeState(command, actor, deps, () => setSwitch(SWITCH_OF[command.name]!, deps));
  }
}

async function setSwitch(state: KillSwitchState, deps: BotCommandDeps): Promise<string> {
  await deps.killSwitch.set(state);
  const then = { RUN: 'reconciliation runs, then the bot trades', PAUSE_ENTRIES: 'no new entries; exits are still managed', HALT: 'nothing is sent', FLATTEN: 'open orders are cancelled and positions closed now' }[state];
  return `kill switch set to ${state}: ${then}`;
}

function describeStart(start: ReconciliationStart): string {
  if (start.kind === 'started') return `reconciliation ${start.name} started`;
  if (start.kind === 'alreadyStarted') return `reconciliation ${start.name} was started already`;
  return 'reconciliation is not deployed: nothing started';
}

async function changeState(command: BotCommand, actor: BotActor, deps: BotCommandDeps, act: () => Promise<string>): Promise<string> {
  let outcome: string;
  let failed = false;
  try {
    outcome = await act();
  } catch (error) {
    failed = true;
    outcome = `failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    deps.logger.error({ command: command.name, actor, err: error }, 'a Telegram command failed');
  }
  await deps.actions.recordAction(deps.now(), 'command', { command: command.name, args: command.args, actor, outcome });
  return failed ? `/${command.name} ${outcome}` : outcome;
}
