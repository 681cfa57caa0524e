import { type BotView, signed } from '../../domain/botView.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';

/**
 * Open plans with their unrealized PnL at the latest stored price: (price − average entry) ×
 * filled amount for a long, the reverse for a short, exact, before exit fees. A plan not yet
 * filled, or a symbol with no price, shows `-`.
 */
export function statusView(plans: readonly Plan[], prices: ReadonlyMap<string, string>, botStatus?: string): BotView {
  const rows = [...plans]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((plan) => {
      const price = prices.get(plan.symbol);
      const filled = plan.filledAmount !== undefined && dec(plan.filledAmount).gt(0) ? plan.filledAmount : undefined;
      let unrealized = '-';
      if (price !== undefined && filled !== undefined && plan.avgEntryPrice !== undefined) {
        const move = dec(price).minus(dec(plan.avgEntryPrice));
        unrealized = signed(toDecimalString((plan.side === 'long' ? move : move.negated()).times(dec(filled))));
      }
      return [plan.id, plan.symbol, plan.side, plan.status, filled ?? plan.amount ?? '-', plan.avgEntryPrice ?? plan.entry, price ?? '-', unrealized, plan.activeStop ?? plan.stop, plan.target];
    });
  return {
    title: `Open plans${botStatus !== undefined ? ` (bot ${botStatus})` : ''}`,
    columns: ['plan', 'symbol', 'side', 'status', 'amount', 'entry', 'price', 'unrealized PnL', 'stop', 'target'],
    rows,
    empty: 'No open plan.',
  };
}
