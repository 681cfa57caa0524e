import { basename } from 'node:path';
import { type Timeframe, TimeframeSchema } from '../../domain/candle.js';

/** The candle file formats the backtest reads. */
export type CandleFileFormat = 'json' | 'json.gz' | 'binance-csv';

/** What a file's name says about it; a field the name does not give is undefined. */
export interface CandleFileName {
  readonly format: CandleFileFormat;
  readonly symbol?: string | undefined;
  readonly timeframe?: Timeframe | undefined;
}

/**
 * This project's and freqtrade's JSON names (`ETH_BTC-1m.json`, freqtrade's `ETH_BTC-1m.json.gz`
 * and `ETH_BTC-1m-spot.json`), and Binance's public kline dumps (`ETHBTC-1m-2024-01.csv`,
 * `ETHBTC-1m-2024-01-15.csv`).
 */
const JSON_NAME = /^([A-Z0-9]+)_([A-Z0-9]+)-(\w+?)(?:-spot)?\.json(\.gz)?$/;
const BINANCE_NAME = /^([A-Z0-9]+)-(\w+?)-\d{4}-\d{2}(?:-\d{2})?\.csv$/;

/**
 * Quote assets of Binance spot, longest first, to split `ETHBTC` into ETH/BTC. A name the list
 * does not split needs `--symbol`.
 */
const BINANCE_QUOTES = ['FDUSD', 'USDT', 'USDC', 'TUSD', 'BUSD', 'USDP', 'DAI', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL', 'GBP', 'JPY', 'AUD', 'XRP', 'TRX', 'DOGE'];

export function parseCandleFileName(file: string): CandleFileName {
  const name = basename(file);
  const json = JSON_NAME.exec(name);
  if (json) return { format: json[4] ? 'json.gz' : 'json', symbol: `${json[1]}/${json[2]}`, timeframe: timeframeOrUndefined(json[3]) };
  const binance = BINANCE_NAME.exec(name);
  if (binance) return { format: 'binance-csv', symbol: splitBinanceSymbol(binance[1] ?? ''), timeframe: timeframeOrUndefined(binance[2]) };
  if (name.endsWith('.csv')) return { format: 'binance-csv' };
  if (name.endsWith('.json.gz')) return { format: 'json.gz' };
  return { format: 'json' };
}

export function splitBinanceSymbol(id: string): string | undefined {
  const quote = BINANCE_QUOTES.find((q) => id.endsWith(q) && id.length > q.length);
  return quote === undefined ? undefined : `${id.slice(0, -quote.length)}/${quote}`;
}

function timeframeOrUndefined(text: string | undefined): Timeframe | undefined {
  const parsed = TimeframeSchema.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}
