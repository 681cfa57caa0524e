import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import type { PlanProposal } from '../../../../lib/domain/plan.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { aMarket } from '../../../support/marketFixture.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);
const MINUTE = 60_000;

function candles(rows: [number, number, number, number][]): Candle[] {
  return rows.map(([open, high, low, close], i) => ({ openTime: T0 + i * MINUTE, open, high, low, close, volume: 1 }));
}

/** Proposes one long at the close of the run's first decided candle (the second: the window is 2): stop 0.098, target 0.104. */
const oneLong: Strategy = {
  name: 'one-long',
  warmupCandles: 1,
  evaluate(context) {
    if (context.window.last().openTime !== T0 + MINUTE) return [];
    const proposal: PlanProposal = { symbol: 'ETH/BTC', side: 'long', entry: 0.1, stop: 0.098, target: 0.104, reason: 'fixture' };
    return [proposal];
  },
};

function engineFor(rows: [number, number, number, number][], stops: 'exchange' | 'bot' = 'exchange', charts?: boolean) {
  const config = BacktestConfigSchema.parse({ windowSize: 2, risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 }, execution: { stops } });
  return new BacktestEngine({
    series: [{ file: 'fixture', symbol: 'ETH/BTC', timeframe: '1m', candles: candles(rows) }],
    markets: [aMarket()],
    strategy: oneLong,
    config,
    startingBalances: { BTC: '1' },
    quoteCurrency: 'BTC',
    ...(charts === undefined ? {} : { charts }),
  });
}

const FLAT: [number, number, number, number] = [0.1, 0.1, 0.1, 0.1];

describe('Class: BacktestEngine', () => {
  it('buys at the open after the decision plus slippage, sells at the open after the target was reached, and books fees as the venue does', async () => {
    const engine = engineFor([FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], [0.1, 0.105, 0.0999, 0.103], [0.103, 0.104, 0.102, 0.103]]);
    const result = await engine.run();
    // Risk 0.01 BTC over 0.002 a unit: 5 ETH, bought at 0.1 × 1.0005 = 0.10005 for 0.50025 BTC;
    // the 0.1 % fee is 0.005 ETH, so 4.995 ETH are held. Candle 3 reaches the target: they are
    // sold at candle 4's open less slippage, 0.103 × 0.9995 = 0.1029485, down to the tick 0.102948:
    // 4.995 × 0.102948 = 0.51422526 BTC, less the fee 0.00051423 (half-even to 8 places).
    // PnL 0.51422526 − 0.00051423 − 0.50025 = 0.01346103; fees 0.005 × 0.10005 + 0.00051423.
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ amount: '5', avgEntryPrice: '0.10005', avgExitPrice: '0.102948', exitReason: 'target', feesPaid: '0.00101448', realizedPnl: '0.01346103' });
    expect(result.finalBalances).toEqual({ BTC: '1.01346103', ETH: '0' });
    expect(result.finalEquity).toBe('1.01346103');
    expect(result.feesPaid).toBe('0.00101448');
  });

  it("without charts (a search's trial) trades and values the run alike, and carries no price series or buy-and-hold curve", async () => {
    const rows: [number, number, number, number][] = [FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], [0.1, 0.105, 0.0999, 0.103], [0.103, 0.104, 0.102, 0.103]];
    const charted = await engineFor(rows).run();
    const trial = await engineFor(rows, 'exchange', false).run();
    expect(charted.prices).toHaveLength(1);
    expect(charted.buyAndHoldEquity).toHaveLength(charted.equityCurve.length);
    expect(trial.prices).toEqual([]);
    expect(trial.buyAndHoldEquity).toHaveLength(0);
    expect(trial.trades).toEqual(charted.trades);
    expect(trial.finalEquity).toBe('1.01346103');
    expect([...trial.equityCurve.equity]).toEqual([...charted.equityCurve.equity]);
  });

  it('sells on the resting stop inside the candle that trades through it, at the bid there, as a taker', async () => {
    const engine = engineFor([FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], [0.1, 0.105, 0.097, 0.1], [0.0975, 0.0975, 0.0975, 0.0975]]);
    const result = await engine.run();
    // The stop 0.098 rests from the entry's decision (the entry filled when placed). Candle 3
    // trades through it: 4.995 ETH sold at 0.098 × 0.9995 = 0.097951, within the limit
    // 0.098 × 0.995 = 0.09751: 0.48926524 BTC (to 8 places, down), fee 0.00048927.
    // PnL 0.48926524 − 0.00048927 − 0.50025 = −0.01147403.
    expect(result.trades[0]).toMatchObject({ exitReason: 'stop', avgExitPrice: '0.097951', realizedPnl: '-0.01147403' });
    expect(result.finalBalances).toEqual({ BTC: '0.98852597', ETH: '0' });
  });

  it('with bot-managed stops, exits at market after a candle that reaches both stop and target, as a stop', async () => {
    const engine = engineFor([FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], [0.1, 0.105, 0.097, 0.1], [0.0975, 0.0975, 0.0975, 0.0975]], 'bot');
    const result = await engine.run();
    // 4.995 ETH sold at 0.0975 × 0.9995 = 0.09745125 → 0.097451: 0.48676774 BTC (to 8 places, down),
    // fee 0.00048677. PnL 0.48676774 − 0.00048677 − 0.50025 = −0.01396903.
    expect(result.trades[0]).toMatchObject({ exitReason: 'stop', avgExitPrice: '0.097451', realizedPnl: '-0.01396903' });
    expect(result.finalBalances).toEqual({ BTC: '0.98603097', ETH: '0' });
  });

  it('cancels the plan when the account cannot pay for the entry at a gapped-up open, and nothing moves', async () => {
    const engine = engineFor([FLAT, FLAT, [0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]]);
    const result = await engine.run();
    expect(result.openPlans).toBe(0);
    expect(result.trades).toHaveLength(0);
    expect(result.finalBalances).toEqual({ BTC: '1' });
    expect((await engine.exchange.fetchFills('ETH/BTC', 0)).length).toBe(0);
  });

  it('decides every candle from the run start, one record each, the candles before it being the first window', async () => {
    const engine = engineFor([FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1]]);
    await engine.run();
    expect(engine.telemetry.records().map((r) => r.candleOpenTime)).toEqual([T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(engine.telemetry.records()[0]?.verdicts[0]).toMatchObject({ approved: true, amount: '5' });
    // Decided when the deployed bot decides: the schedule offset after the close.
    expect(engine.telemetry.records()[0]?.decidedAt).toBe(T0 + 2 * MINUTE + 5_000);
  });

  it('keeps the record of a candle that changed nothing, built when read, with the candle it decided', async () => {
    const engine = engineFor([FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], FLAT, [0.1, 0.1, 0.1, 0.1003]]);
    await engine.run();
    expect(engine.telemetry.count).toBe(4);
    const quiet = engine.telemetry.records().at(-1);
    expect(quiet).toEqual({
      botId: 'backtest',
      symbol: 'ETH/BTC',
      timeframe: '1m',
      candleOpenTime: T0 + 4 * MINUTE,
      decidedAt: T0 + 5 * MINUTE + 5_000,
      close: 0.1003,
      killSwitch: 'RUN',
      openPlans: 1,
      exits: [],
      verdicts: [],
      orders: [],
      skipped: undefined,
    });
  });

  it('replays a coarser candle after the finer ones that close before it, never ahead of them', async () => {
    const seen: string[] = [];
    const recorder: Strategy = {
      name: 'recorder',
      warmupCandles: 1,
      evaluate(context) {
        seen.push(`${context.timeframe}@${context.window.last().openTime + (context.timeframe === '5m' ? 5 : 1) * MINUTE - T0}`);
        return [];
      },
    };
    const minutes = Array.from({ length: 15 }, (_, i) => ({ openTime: T0 + i * MINUTE, open: 0.1, high: 0.1, low: 0.1, close: 0.1, volume: 1 }));
    const fives = [0, 5, 10].map((i) => ({ openTime: T0 + i * MINUTE, open: 0.1, high: 0.1, low: 0.1, close: 0.1, volume: 1 }));
    const engine = new BacktestEngine({
      series: [
        { file: 'five', symbol: 'ETH/BTC', timeframe: '5m', candles: fives },
        { file: 'one', symbol: 'ETH/BTC', timeframe: '1m', candles: minutes },
      ],
      markets: [aMarket()],
      strategy: recorder,
      config: BacktestConfigSchema.parse({ windowSize: 2 }),
      startingBalances: { BTC: '1' },
      quoteCurrency: 'BTC',
    });
    await engine.run();
    // Close times after T0, from the run start (two 5m candles behind it: 10 minutes). The 5m
    // candle opened at 10 closes at 15, after the 1m candles of minutes 10 to 13; by open time
    // it would have come first, showing the strategy four minutes it cannot have seen. At a
    // shared close the files' order holds (the 5m file was given first).
    const at = (timeframe: string, minutes: number) => `${timeframe}@${minutes * MINUTE}`;
    expect(seen).toEqual([at('5m', 10), at('1m', 10), at('1m', 11), at('1m', 12), at('1m', 13), at('1m', 14), at('5m', 15), at('1m', 15)]);
  });
});
