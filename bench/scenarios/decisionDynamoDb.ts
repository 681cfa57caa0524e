// The decide path against DynamoDB Local: DynamoDB calls and time per decision, for
// decisions that trade and decisions that send nothing, cold (a new process) and warm.
// Prints one JSON line.
import { FixedKillSwitch } from '../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../lib/adapters/memory/ManualClock.js';
import { PaperExchange } from '../../lib/adapters/paper/PaperExchange.js';
import { DynamoDbCallMeter } from '../../lib/adapters/dynamodb/DynamoDbCallMeter.js';
import { createDynamoDbClient } from '../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { TradingConfigSchema } from '../../lib/domain/config.js';
import { silentLogger } from '../../lib/ports/Logger.js';
import { inferMarket } from '../../lib/runtime/backtest/inferMarket.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { createDynamoDbDecider } from '../../lib/runtime/decision/createDynamoDbDecider.js';
import { createBotTables } from '../../lib/local/createBotTables.js';
import { DynamoDbLocal } from '../../lib/local/DynamoDbLocal.js';
import type { Strategy } from '../../lib/strategy/Strategy.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '100'] = process.argv.slice(2);
const SYMBOLS = 5;
const source = await loadCandleFile(file);
const step = timeframeMs(source.timeframe);
// A contiguous stretch, so every warm decision really is warm.
const start = source.candles.findIndex((c, i) => source.candles.slice(i, i + Number(count)).every((d, k) => d.openTime === c.openTime + k * step));
const candles = source.candles.slice(start, start + Number(count));

/** Proposes a long where it is cued (symbol@openTime), nothing elsewhere. */
const tradeOn = new Set<string>();
const strategy: Strategy = {
  name: 'bench-long-on-cue',
  warmupCandles: 1,
  evaluate: ({ symbol, window }) => {
    const last = window.last();
    if (!tradeOn.has(`${symbol}@${last.openTime}`)) return [];
    return [{ symbol, side: 'long', entry: last.close, stop: last.close * 0.98, target: last.close * 1.04, reason: 'bench cue' }];
  },
};

const local = await DynamoDbLocal.start();
try {
  const tables = tableNamesWithPrefix('bench');
  const raw = local.client();
  await createBotTables(raw, tables);
  const client = createDynamoDbClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const meter = new DynamoDbCallMeter(client);
  const config = TradingConfigSchema.parse({ botId: 'bench', risk: { maxOpenPlans: 1000, maxTotalExposurePct: 1, maxSymbolExposurePct: 1, riskPerTradePct: 0.001 } });
  // The same candles under several symbols: one entry per symbol stacks nothing, so each is a warm trading decision.
  const base = inferMarket(source.symbol, source.candles, '0.001');
  const markets = Array.from({ length: SYMBOLS }, (_, k) => ({ ...base, symbol: `X${k}/${base.quote}`, base: `X${k}` }));
  const exchange = new PaperExchange({ markets, balances: { [base.quote]: '100' }, slippagePct: 0 });
  const clock = new ManualClock(0);
  const decider = createDynamoDbDecider({
    client,
    tables,
    exchange,
    killSwitch: new FixedKillSwitch('RUN'),
    clock,
    config,
    strategy,
    windowSize: 50,
    retentionDays: { telemetry: 30, market: 7 },
    logger: silentLogger,
  });
  // The very first decision trades from cold; each symbol trades once more when warm.
  tradeOn.add(`${markets[0]?.symbol}@${candles[0]?.openTime}`);
  markets.slice(1).forEach((m, k) => tradeOn.add(`${m.symbol}@${candles[10 + k * 7]?.openTime}`));

  const readings: { trading: boolean; cold: boolean; calls: number; ms: number; orders: number }[] = [];
  for (const [i, candle] of candles.entries()) {
    clock.set(candle.openTime + step);
    for (const { symbol } of markets) {
      exchange.onCandle(symbol, candle);
      exchange.takeFills();
      const outcome = await decider.decide(symbol, source.timeframe, candle);
      const reading = meter.take();
      const orders = outcome.kind === 'decided' ? outcome.record.orders.length : 0;
      const calls = Object.values(reading.calls).reduce((a, b) => a + b, 0);
      readings.push({ trading: tradeOn.has(`${symbol}@${candle.openTime}`), cold: i === 0, calls, ms: reading.ms, orders });
    }
  }
  raw.destroy();
  client.destroy();

  const warm = readings.filter((r) => !r.cold);
  const trading = warm.filter((r) => r.trading && r.orders > 0);
  const quiet = warm.filter((r) => !r.trading);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    JSON.stringify({
      decisions: readings.length,
      tradingDecisions: trading.length,
      callsPerTradingDecision: Math.max(...trading.map((r) => r.calls)),
      callsPerQuietDecision: Math.max(...quiet.map((r) => r.calls)),
      callsFirstDecisionColdTrading: readings[0]?.calls ?? 0,
      msP50Trading: Number(median(trading.map((r) => r.ms)).toFixed(2)),
      msP50Quiet: Number(median(quiet.map((r) => r.ms)).toFixed(2)),
    }),
  );
} finally {
  await local.stop();
}
