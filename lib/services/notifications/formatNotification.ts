import type { BotNotification } from '../../domain/notification.js';

const EXIT_WORDS: Readonly<Record<string, string>> = { stop: 'stopped out', target: 'target reached', trailing_stop: 'trailing stop', max_age: 'max age reached', flatten: 'flattened' };
const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '?');

/** One notification as plain text, the same on every channel: the bot's id first, figures as stored. */
export function formatNotification(botId: string, notification: BotNotification): string {
  const head = `[${botId}]`;
  switch (notification.kind) {
    case 'entry': {
      const { side, symbol, amount, entry, stop, target, reason, planId } = notification;
      return `${head} ENTRY ${side} ${amount} ${symbol} @ ${entry}\nstop ${stop}, target ${target}\n${reason} (plan ${planId})`;
    }
    case 'exit': {
      const { symbol, amount, exitReason, avgEntryPrice, avgExitPrice, realizedPnl, fees, planId } = notification;
      const pnl = realizedPnl === undefined ? '' : `\nPnL ${realizedPnl.startsWith('-') ? '' : '+'}${realizedPnl}${fees !== undefined ? ` (fees ${fees})` : ''}`;
      return `${head} EXIT ${symbol} ${amount}: ${EXIT_WORDS[exitReason] ?? exitReason}\n${avgEntryPrice ?? '?'} → ${avgExitPrice ?? '?'}${pnl} (plan ${planId})`;
    }
    case 'rejections': {
      const lines = Object.entries(notification.byReason).map(([code, entry]) => `${code} ×${entry.count} (${entry.symbols.join(', ')}): ${entry.example}`);
      return `${head} risk rejections ${iso(notification.from)} – ${iso(notification.to)} UTC\n${lines.join('\n')}`;
    }
    case 'dailySummary': {
      const { day, trades, wins, losses, pnlByQuote, feesByQuote } = notification;
      const money = Object.entries(pnlByQuote).map(([quote, pnl]) => `PnL ${pnl} ${quote} (fees ${feesByQuote[quote] ?? '0'})`);
      return `${head} daily summary ${day}\n${trades} trade(s): ${wins} won, ${losses} lost${money.length > 0 ? `\n${money.join('\n')}` : ''}`;
    }
    case 'killSwitch':
      return `${head} kill switch → ${notification.state} at ${iso(notification.time)} UTC\n${notification.detail}`;
    case 'reconciliation':
      return `${head} reconciliation: ${notification.outcome} at ${iso(notification.time)} UTC\n${notification.detail}`;
    case 'alarm':
      return `${head} ALARM ${notification.name} is ${notification.state} (${notification.time})\n${notification.reason}`;
  }
}
