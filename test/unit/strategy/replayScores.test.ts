import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPending } from '../../../lib/domain/awaitable.js';
import type { Candle } from '../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import { BacktestConfigSchema } from '../../../lib/domain/config.js';
import { BacktestEngine } from '../../../lib/runtime/backtest/BacktestEngine.js';
import type { CandleSeries } from '../../../lib/runtime/backtest/loadCandleFile.js';
import { CANDLE_FEATURES_V1 } from '../../../lib/strategy/model/candleFeatures.js';
import { type Checkpoint, loadCheckpoint } from '../../../lib/strategy/model/loadCheckpoint.js';
import type { ModelCard } from '../../../lib/strategy/model/modelCard.js';
import { createModelStrategy } from '../../../lib/strategy/model/modelStrategy.js';
import type { Strategy, StrategyContext } from '../../../lib/strategy/Strategy.js';
import { aMarket } from '../../support/marketFixture.js';
import { randomWalkSeries } from '../training/randomWalk.js';

const WIDTH = CANDLE_FEATURES_V1.names.length;
const shipped = JSON.parse(await readFile('models/default/model-card.json', 'utf8')) as ModelCard;
const MINUTE = 60_000;

/** A random walk after the shipped model's training window, with a missing candle at `gapAt`. */
function walkWithGap(count: number, gapAt: number): CandleSeries {
  const walk = randomWalkSeries(count + 1, 11, Date.parse(shipped.trainingWindow.end));
  return { ...walk, candles: walk.candles.filter((_, i) => i !== gapAt) };
}

/** The contexts a backtest hands the strategy: a window of up to 100 candles that restarts after a gap. */
function* replayContexts(series: CandleSeries): Generator<StrategyContext> {
  const window = new ArrayCandleWindow(series.candles, 0, 0);
  let since = 0;
  for (let i = 0; i < series.candles.length; i++) {
    const previous = series.candles[i - 1];
    if (previous !== undefined && (series.candles[i] as Candle).openTime - previous.openTime !== MINUTE) since = i;
    window.moveTo(Math.max(since, i + 1 - 100), i + 1);
    yield { symbol: series.symbol, timeframe: series.timeframe, window, openPlans: [], balances: {} };
  }
}

describe('Class: ReplayScores (the model strategy in a backtest)', () => {
  let checkpoint: Checkpoint;
  beforeAll(async () => {
    // Small batches, so a short series spans several and ends in a partial one.
    checkpoint = await loadCheckpoint(undefined, { batchRows: 64 });
  });
  afterAll(() => checkpoint.session.release());

  it('runBatch gives each row the pWin a run of that row alone gives', async () => {
    const rows = new Float32Array(50 * WIDTH).map((_, i) => Math.sin(i) * 0.02);
    const batch = await checkpoint.runBatch(rows, 50);
    expect(batch).toHaveLength(50);
    for (let k = 0; k < 50; k++) expect(batch[k]).toBeCloseTo(await checkpoint.run(rows.slice(k * WIDTH, (k + 1) * WIDTH)), 6);
    await expect(checkpoint.runBatch(rows, 51)).rejects.toThrow('runBatch: 51 rows of 13 features do not fit');
  });

  it('scores a series ahead in batches, then answers each candle at once with the proposals a session run per candle gives', async () => {
    // More candles than one batch, and a gap: the windows after it are too short until they hold the lookback again.
    const series = walkWithGap(300, 170);
    const minPWin = 0.25;
    const scored = createModelStrategy(checkpoint, { minPWin });
    const perCandle = createModelStrategy(checkpoint, { minPWin });
    await scored.scoreReplay?.(series);

    let proposals = 0;
    let answeredAtOnce = 0;
    for (const context of replayContexts(series)) {
      const fast = scored.evaluate(context);
      if (!isPending(fast)) answeredAtOnce++;
      const slow = await perCandle.evaluate(context);
      const fastProposals = await fast;
      expect(fastProposals.map((p) => p.reason)).toEqual(slow.map((p) => p.reason));
      for (let k = 0; k < slow.length; k++) expect(fastProposals[k]?.pWin).toBeCloseTo(slow[k]?.pWin ?? -1, 6);
      proposals += slow.length;
    }
    expect(proposals).toBeGreaterThan(10);
    expect(proposals).toBeLessThan(series.candles.length - 60);
    // Every candle with a full window was answered from the scores, without a session run.
    expect(answeredAtOnce).toBe(series.candles.length);
  });

  it('runs the model itself for a window that is not the scored series\' own candles', async () => {
    const series = walkWithGap(200, 150);
    const strategy = createModelStrategy(checkpoint, { minPWin: 0 });
    await strategy.scoreReplay?.(series);
    const copies = series.candles.slice(0, 100).map((c) => ({ ...c }));
    const answer = strategy.evaluate({ symbol: series.symbol, timeframe: series.timeframe, window: ArrayCandleWindow.of(copies), openPlans: [], balances: {} });
    expect(isPending(answer)).toBe(true);
    const own = strategy.evaluate({ symbol: series.symbol, timeframe: series.timeframe, window: new ArrayCandleWindow(series.candles, 0, 100), openPlans: [], balances: {} });
    expect(isPending(own)).toBe(false);
    expect((await answer).map((p) => p.reason)).toEqual((await own).map((p) => p.reason));
  });

  it('makes a backtest trade exactly as the per-candle model does', async () => {
    const series = walkWithGap(260, 130);
    const config = BacktestConfigSchema.parse({ windowSize: 60, risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 } });
    const model = createModelStrategy(checkpoint, { minPWin: 0.25 });
    // The same strategy without scoreReplay: the engine can only ask it candle by candle.
    const perCandle: Strategy = { name: model.name, warmupCandles: model.warmupCandles, evaluate: (context) => model.evaluate(context) };
    const run = (strategy: Strategy) =>
      new BacktestEngine({ series: [series], markets: [aMarket({ symbol: 'TEST/BTC', base: 'TEST' })], strategy, config, startingBalances: { BTC: '1' }, quoteCurrency: 'BTC' }).run();

    const unscored = await run(perCandle);
    const batched = await run(createModelStrategy(checkpoint, { minPWin: 0.25 }));

    expect(unscored.trades.length).toBeGreaterThan(1);
    expect(batched.trades).toEqual(unscored.trades);
    expect(batched.finalEquity).toBe(unscored.finalEquity);
  });
});
