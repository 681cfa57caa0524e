import { vi } from 'vitest';
import type { BacktestConfig } from '../../../../lib/domain/config.js';
import type { Market } from '../../../../lib/domain/market.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import type { CandleSeries } from '../../../../lib/runtime/backtest/loadCandleFile.js';
import type { BacktestResult } from '../../../../lib/runtime/backtest/report/BacktestResult.js';
import type { Strategy, StrategyContext } from '../../../../lib/strategy/Strategy.js';
import { type RunView, ledgerViolations } from './ledgerInvariants.js';

export interface CheckedRun {
  readonly series: readonly CandleSeries[];
  readonly markets: readonly Market[];
  readonly strategy: Strategy;
  readonly config: BacktestConfig;
  readonly startingBalances: Readonly<Record<string, string>>;
}

export interface CheckedOutcome {
  readonly result: BacktestResult;
  /** Invariants broken, each prefixed with the candle it was first seen at ("end" after the final settlement). */
  readonly violations: readonly string[];
}

/**
 * Runs the backtest, checking the ledger invariants whenever the strategy is asked (between
 * commits, with the venue possibly holding fills not yet settled) and once more at the end.
 * The ledger's and venue's own maps cannot hold a client order id twice, so the ids written
 * and sent are recorded on the way in.
 */
export async function runChecked(run: CheckedRun): Promise<CheckedOutcome> {
  const violations: string[] = [];
  // Called only once the run has started, when `view` below is set.
  const checkpoint = (context: StrategyContext) => {
    if (violations.length > 0) return;
    for (const v of ledgerViolations(view, false)) violations.push(`at ${context.symbol} ${context.window.last().openTime}: ${v}`);
  };
  const strategy: Strategy = {
    name: run.strategy.name,
    warmupCandles: run.strategy.warmupCandles,
    evaluate: (context) => {
      checkpoint(context);
      return run.strategy.evaluate(context);
    },
  };
  const engine = new BacktestEngine({ ...run, strategy, quoteCurrency: run.markets[0]?.quote ?? 'BTC' });
  const intentsInserted: string[] = [];
  const ordersSent: string[] = [];
  const insertIntent = engine.ledger.insertIntent.bind(engine.ledger);
  vi.spyOn(engine.ledger, 'insertIntent').mockImplementation((intent, version) => {
    intentsInserted.push(intent.clientOrderId);
    return insertIntent(intent, version);
  });
  const createOrder = engine.exchange.createOrder.bind(engine.exchange);
  vi.spyOn(engine.exchange, 'createOrder').mockImplementation((intent) => {
    ordersSent.push(intent.clientOrderId);
    return createOrder(intent);
  });
  const view: RunView = { ledger: engine.ledger, venue: engine.exchange, markets: run.markets, startingBalances: run.startingBalances, intentsInserted, ordersSent };
  const result = await engine.run();
  for (const v of ledgerViolations(view, true, result.realizedPnl)) violations.push(`end: ${v}`);
  return { result, violations };
}
