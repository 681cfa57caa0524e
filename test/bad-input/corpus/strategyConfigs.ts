/**
 * Strategy sections BotConfigSchema cannot judge (the params belong to the strategy):
 * building the strategy, as the decide function does, must refuse them naming the field.
 */
export interface StrategyConfigCase {
  readonly name: string;
  readonly strategy: { readonly name: string; readonly params: Record<string, unknown> };
  /** The field the error names. */
  readonly field: string;
  /** Text the reason must hold: the bad parameter, or why. */
  readonly mentions: string;
}

export const STRATEGY_CONFIG_CASES: readonly StrategyConfigCase[] = [
  { name: 'a negative EMA period', strategy: { name: 'ema-crossover', params: { fastPeriod: -1 } }, field: 'strategy.params: fastPeriod', mentions: 'Too small' },
  { name: 'a fast EMA slower than the slow one', strategy: { name: 'ema-crossover', params: { fastPeriod: 30, slowPeriod: 20 } }, field: 'strategy.params: fastPeriod', mentions: 'must be less than slowPeriod' },
  { name: 'a zero stop distance', strategy: { name: 'ema-crossover', params: { stopAtr: 0 } }, field: 'strategy.params: stopAtr', mentions: 'Too small' },
  { name: 'a trailing stop of 100 %', strategy: { name: 'ema-crossover', params: { trailingStopPct: 1 } }, field: 'strategy.params: trailingStopPct', mentions: 'Too big' },
  { name: 'an unknown EMA parameter', strategy: { name: 'ema-crossover', params: { period: 12 } }, field: 'strategy.params: (root)', mentions: '"period"' },
  { name: 'an RSI period as text', strategy: { name: 'rsi-mean-reversion', params: { period: '14' } }, field: 'strategy.params: period', mentions: 'expected number' },
  { name: 'a strategy module that does not exist', strategy: { name: './test/bad-input/strategies/missing.ts', params: {} }, field: 'strategy.name', mentions: 'cannot load strategy module' },
  { name: 'a strategy module without a factory', strategy: { name: './test/fixtures/strategies/noDefaultExport.ts', params: {} }, field: 'strategy.name', mentions: 'no default export' },
];
