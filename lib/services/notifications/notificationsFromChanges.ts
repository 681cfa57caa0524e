import type { BotNotification } from '../../domain/notification.js';
import type { RiskRejectionCode } from '../../domain/riskRejection.js';
import { describeRejection, type RiskRejection } from '../../domain/riskRejection.js';
import { KILL_SWITCH_STATES } from '../../domain/killSwitch.js';

/** An item the bot wrote, as a table's change stream shows it (already unmarshalled). */
export interface ChangedItem {
  readonly table: 'telemetry' | 'plans';
  readonly newItem: Readonly<Record<string, unknown>>;
  readonly oldItem?: Readonly<Record<string, unknown>>;
}

const DAY_MS = 86_400_000;
type DigestEntry = { count: number; symbols: string[]; example: string };

/**
 * What the owner is told about a batch of changed items, in the batch's order, with every
 * risk rejection of the batch folded into one digest at the end:
 * - a decision record: an entry for each approved verdict; its rejected verdicts go to the digest;
 * - a plan that ended closed (plans table): an exit with its PnL (a stop-out when its reason is `stop`);
 * - a `killSwitch`, `flatten`, `reconciliationHalted`, `reconciliationRepaired` or `staleIntents` action;
 * - a day's statistics, once: on the first roll-up written after the day ended.
 * Items of any other shape are ignored: telemetry holds more than these.
 */
export function notificationsFromChanges(changes: readonly ChangedItem[]): BotNotification[] {
  const notifications: BotNotification[] = [];
  const digest = new Map<RiskRejectionCode, DigestEntry>();
  let from = Infinity;
  let to = -Infinity;
  for (const { table, newItem, oldItem } of changes) {
    if (table === 'plans') {
      if (newItem['status'] === 'closed' && oldItem === undefined) notifications.push(exitOf(newItem));
      continue;
    }
    switch (newItem['kind']) {
      case 'decision': {
        if (oldItem !== undefined) break;
        const decidedAt = num(newItem['decidedAt']);
        for (const verdict of list(newItem['verdicts'])) {
          const proposal = record(verdict['proposal']);
          const symbol = str(proposal['symbol'] ?? newItem['symbol']);
          if (verdict['approved'] === true && typeof verdict['planId'] === 'string') {
            // The levels the plan trades at (rounded to the tick); a record written before they were kept has the proposal's.
            const levels = verdict['levels'] === undefined ? proposal : record(verdict['levels']);
            notifications.push({ kind: 'entry', symbol, side: proposal['side'] === 'short' ? 'short' : 'long', planId: verdict['planId'], amount: str(verdict['amount']), entry: str(levels['entry']), stop: str(levels['stop']), target: str(levels['target']), reason: str(proposal['reason']) });
          } else if (verdict['rejection'] !== undefined) {
            const rejection = verdict['rejection'] as RiskRejection;
            const entry = digest.get(rejection.code) ?? { count: 0, symbols: [], example: describeRejection(rejection) };
            entry.count += 1;
            if (!entry.symbols.includes(symbol)) entry.symbols.push(symbol);
            digest.set(rejection.code, entry);
            from = Math.min(from, decidedAt);
            to = Math.max(to, decidedAt);
          }
        }
        break;
      }
      case 'action':
        if (oldItem === undefined) notifications.push(...actionOf(newItem));
        break;
      case 'dailyStats': {
        const summary = finalDailySummary(newItem, oldItem);
        if (summary) notifications.push(summary);
        break;
      }
    }
  }
  if (digest.size > 0) notifications.push({ kind: 'rejections', from, to, byReason: Object.fromEntries(digest) });
  return notifications;
}

function exitOf(plan: Readonly<Record<string, unknown>>): BotNotification {
  const optional = (name: string, key: string) => (typeof plan[key] === 'string' ? { [name]: plan[key] } : {});
  return {
    kind: 'exit',
    symbol: str(plan['symbol']),
    planId: str(plan['id']),
    exitReason: (plan['exitReason'] ?? 'target') as Extract<BotNotification, { kind: 'exit' }>['exitReason'],
    // The position's size, as its entry told it: a closed plan's filledAmount is what it still
    // held when it closed (the dust written off), not what it traded.
    amount: str(plan['amount'] ?? plan['filledAmount']),
    ...optional('avgEntryPrice', 'avgEntryPrice'),
    ...optional('avgExitPrice', 'avgExitPrice'),
    ...optional('realizedPnl', 'realizedPnl'),
    ...optional('fees', 'feesPaid'),
  };
}

function actionOf(item: Readonly<Record<string, unknown>>): BotNotification[] {
  const time = num(item['time']);
  const action = item['action'];
  if (action === 'killSwitch') {
    const state = KILL_SWITCH_STATES.find((candidate) => candidate === item['state']) ?? 'unknown';
    const reconciliation = record(item['reconciliation']);
    const detail = typeof reconciliation['kind'] === 'string' ? `reconciliation ${reconciliation['kind']}${typeof reconciliation['reason'] === 'string' ? `: ${reconciliation['reason']}` : ''}` : str(item['note']);
    return [{ kind: 'killSwitch', state, time, detail }];
  }
  if (action === 'flatten') return [{ kind: 'reconciliation', outcome: 'flatten', time, detail: item['outcome'] === 'failed' ? `failed: ${str(item['error'])}` : `${str(item['outcome'])}: ${list(item['plans']).length} plan(s), ${list(item['orders']).length} order(s)${typeof item['reason'] === 'string' ? `: ${item['reason']}` : ''}` }];
  if (action === 'reconciliationHalted') return [{ kind: 'reconciliation', outcome: 'halted', time, detail: str(item['reason']) }];
  if (action === 'reconciliationRepaired') return [{ kind: 'reconciliation', outcome: 'repaired', time, detail: str(item['repair']) }];
  if (action === 'staleIntents') return [{ kind: 'reconciliation', outcome: 'staleIntents', time, detail: `${list(item['intents']).length} order intent(s) never acknowledged; reconciliation settles them` }];
  return [];
}

function finalDailySummary(item: Readonly<Record<string, unknown>>, old: Readonly<Record<string, unknown>> | undefined): BotNotification | undefined {
  const day = str(item['day']);
  const dayEnd = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
  if (!(num(item['rolledUpAt']) >= dayEnd)) return undefined;
  if (old !== undefined && num(old['rolledUpAt']) >= dayEnd) return undefined;
  const byQuote = record(item['byQuote']);
  const field = (key: string) => Object.fromEntries(Object.entries(byQuote).map(([quote, tally]) => [quote, str(record(tally)[key])]));
  return { kind: 'dailySummary', day, trades: num(item['trades']), wins: num(item['wins']), losses: num(item['losses']), pnlByQuote: field('realizedPnl'), feesByQuote: field('fees') };
}

const record = (value: unknown): Readonly<Record<string, unknown>> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): Readonly<Record<string, unknown>>[] => (Array.isArray(value) ? value.map(record) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '?');
const num = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN);
