import { Duration } from 'aws-cdk-lib';
import { type Timeframe, timeframeMs } from '../lib/domain/candle.js';

/**
 * How long without a decision means the bot is stuck: three of its shortest candles
 * (one late capture is normal), and never under ten minutes.
 */
export function noDecisionAlarmAfter(symbols: readonly { readonly timeframe: Timeframe }[]): Duration {
  const shortestMinutes = Math.min(...symbols.map(({ timeframe }) => timeframeMs(timeframe) / 60_000));
  return Duration.minutes(Math.max(10, 3 * shortestMinutes));
}
