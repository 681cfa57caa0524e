import type { BotConfigInput } from '../../lib/domain/botConfig.js';

/** A live bot on the simulator's LTC/BTC 5-minute candles that enters on every candle, one plan at a time. */
export function everyCandleLtcConfig(botId: string): BotConfigInput {
  return {
    botId,
    exchange: { id: 'binance' },
    mode: 'live',
    symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }],
    strategy: { name: './test/fixtures/strategies/everyCandleLong.ts', params: {} },
    risk: { maxOpenPlans: 1 },
    windowSize: 10,
  };
}
