import type { PlanProposal } from '../../../../lib/domain/plan.js';
import { mulberry32 } from '../../../../lib/domain/mulberry32.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';

export interface ProposeOftenOptions {
  readonly seed: number;
  /** Chance that a candle proposes a long. */
  readonly chance: number;
  /** Each symbol's price tick, so a stop is at least a tick or two below the close. */
  readonly priceSteps: ReadonlyMap<string, number>;
}

/**
 * The property tests' churn: a long at the close on a good share of candles, its stop 0.2 %
 * to 5 % (and at least one tick) below, its target 0.8 to 3.5 risks above, some with a
 * trailing stop or an age limit, now and then proposed twice on one candle, and now and then
 * answered asynchronously, as a model strategy does. Every choice is drawn from the seed and
 * the candle, so a window handed over cold gives the same answer.
 */
export function proposeOften(options: ProposeOftenOptions): Strategy {
  return {
    name: 'propose-often',
    warmupCandles: 1,
    evaluate({ symbol, window }) {
      const candle = window.last();
      const random = mulberry32(options.seed ^ (candle.openTime / 60_000) ^ symbolSalt(symbol));
      if (random() >= options.chance) return [];
      const tick = options.priceSteps.get(symbol) ?? 0;
      const close = candle.close;
      const risk = Math.max(close * (0.002 + random() * 0.048), tick * (1 + Math.floor(random() * 3)));
      const proposal: PlanProposal = {
        symbol,
        side: 'long',
        entry: close,
        stop: close - risk,
        target: close + risk * (0.8 + random() * 2.7),
        ...(random() < 0.3 ? { trailingStopPct: 0.002 + random() * 0.03 } : {}),
        ...(random() < 0.4 ? { maxAgeMs: (1 + Math.floor(random() * 30)) * 60_000 } : {}),
        reason: 'propose-often',
      };
      const proposals = random() < 0.1 ? [proposal, proposal] : [proposal];
      return random() < 0.15 ? Promise.resolve(proposals) : proposals;
    },
  };
}

function symbolSalt(symbol: string): number {
  let salt = 0;
  for (let i = 0; i < symbol.length; i++) salt = (Math.imul(salt, 31) + symbol.charCodeAt(i)) | 0;
  return salt;
}
