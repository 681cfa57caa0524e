import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../../../lib/domain/botConfig.js';
import { TTL_GRACE_MS, prunePartitions } from '../../../../lib/adapters/dynamodb/prunePartitions.js';

const DAY = 86_400_000;

describe('Function: prunePartitions', () => {
  it("covers each configured series' candles and decisions, and the equity, heartbeat and action partitions, beyond retention plus TTL's grace", () => {
    const config = BotConfigSchema.parse({
      botId: 'bot1',
      exchange: { id: 'binance' },
      symbols: [
        { symbol: 'ETH/BTC', timeframe: '1m' },
        { symbol: 'LTC/BTC', timeframe: '5m' },
      ],
      retentionDays: { telemetry: 30, market: 14 },
    });
    const now = Date.UTC(2024, 2, 1);
    const marketBefore = now - 14 * DAY - TTL_GRACE_MS;
    const telemetryBefore = String(now - 30 * DAY - TTL_GRACE_MS).padStart(13, '0');
    const telemetry = (value: string) => ({ table: 'telemetry', partitionKey: { name: 'pk', value }, sortKeyName: 'sk', before: telemetryBefore });
    expect(prunePartitions(config, now)).toEqual([
      { table: 'market', partitionKey: { name: 'series', value: 'ETH/BTC#1m' }, sortKeyName: 'openTime', before: marketBefore },
      { table: 'market', partitionKey: { name: 'series', value: 'LTC/BTC#5m' }, sortKeyName: 'openTime', before: marketBefore },
      telemetry('DECISION#ETH/BTC#1m'),
      telemetry('DECISION#LTC/BTC#5m'),
      telemetry('EQUITY'),
      telemetry('HEARTBEAT'),
      telemetry('ACTION'),
    ]);
  });
});
