import { vi } from 'vitest';
import type { BacktestConfig } from '../../../../lib/domain/config.js';
import type { Market } from '../../../../lib/domain/market.js';
import type { Balances } from '../../../../lib/ports/Exchange.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import type { CandleSeries } from '../../../../lib/runtime/backtest/loadCandleFile.js';
import type { BacktestResult } from '../../../../lib/runtime/backtest/report/BacktestResult.js';
import type { Strategy, StrategyContext } from '../../../../lib/strategy/Strategy.js';
import { ledgerViolations } from './ledgerInvariants.js';
import type { RunView } from './venueInvariants.js';

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
 * commits, with the venue possibly holding fills not yet settled) and something moved since
 * the last check, and once more at the end. The ledger's and venue's own maps cannot hold a
 * client order id twice, so the ids written and sent are recorded on the way in.
 */
export async function runChecked(run: CheckedRun): Promise<CheckedOutcome> {
  const violations: string[] = [];
  let checked: { balances: Balances; commits: number; intents: number } | undefined;
  // Called only once the run has started, when `engine`, the spies and `view` below are set.
  const checkpoint = (context: StrategyContext) => {
    const now = { balances: engine.exchange.fetchBalances(), commits: commits.mock.calls.length, intents: inserts.mock.calls.length };
    const moved = checked?.balances !== now.balances || checked.commits !== now.commits || checked.intents !== now.intents;
    checked = now;
    if (!moved || violations.length > 0) return;
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
  const inserts = vi.spyOn(engine.ledger, 'insertIntent');
  const commits = vi.spyOn(engine.ledger, 'commit');
  const sends = vi.spyOn(engine.exchange, 'createOrder');
  const view: RunView = {
    ledger: engine.ledger,
    venue: engine.exchange,
    markets: run.markets,
    startingBalances: run.startingBalances,
    intentsInserted: () => inserts.mock.calls.map(([intent]) => intent.clientOrderId),
    ordersSent: () => sends.mock.calls.map(([intent]) => intent.clientOrderId),
  };
  const result = await engine.run();
  for (const v of ledgerViolations(view, true, result)) violations.push(`end: ${v}`);
  return { result, violations };
}
