/** The commands the bot takes from Telegram, and what each does (the text of `/help`). */
export const BOT_COMMANDS = {
  status: 'open plans with unrealized PnL',
  profit: 'realized PnL today, last 7 days, all time',
  balance: 'the latest equity snapshot and balances',
  daily: 'the daily roll-ups of the last 7 days',
  trades: 'the last closed trades',
  actions: 'the last bot actions and who gave them',
  pause: 'kill switch PAUSE_ENTRIES: no new entries, exits still managed',
  halt: 'kill switch HALT: nothing is sent',
  run: 'kill switch RUN: trade again (reconciliation runs first)',
  flatten: 'kill switch FLATTEN: cancel open orders and close positions; needs `/flatten CONFIRM`',
  reconcile: 'start a reconciliation now',
  help: 'this list',
} as const;
export type BotCommandName = keyof typeof BOT_COMMANDS;

/** The word `/flatten` needs after it, in capitals: one message, so a replayed update cannot confirm a stale request. */
export const FLATTEN_CONFIRMATION = 'CONFIRM';

export interface BotCommand {
  readonly name: BotCommandName;
  readonly args: readonly string[];
}

/**
 * `/name[@botname] arg…` → the command; text that is no command of ours → `{unknown}` naming
 * what was typed. Names are matched in any letter case; arguments are kept as typed.
 */
export function parseBotCommand(text: string): BotCommand | { readonly unknown: string } {
  const [head = '', ...args] = text.trim().split(/\s+/);
  const match = /^\/([A-Za-z_]+)(?:@\w+)?$/.exec(head);
  const name = match?.[1]?.toLowerCase();
  if (name === undefined || !Object.hasOwn(BOT_COMMANDS, name)) return { unknown: head.slice(0, 40) };
  return { name: name as BotCommandName, args };
}
