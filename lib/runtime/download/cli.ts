import { parseArgs } from 'node:util';
import { TIMEFRAMES, type Timeframe, TimeframeSchema } from '../../domain/candle.js';
import { InvalidInputError, TraderError } from '../../domain/errors.js';
import { loadExchangeClass } from '../../adapters/ccxt/loadExchangeClass.js';
import { downloadCandles } from './downloadCandles.js';

const USAGE = `usage: npm run download -- --exchange ID --symbols A/B,… --timeframes 1m,5m --since DATE [--until DATE] [--out DIR]

  --exchange ID     a ccxt exchange id the bot supports (binance, bybit, okx, …)
  --symbols         unified symbols, comma separated: ETH/BTC,LTC/BTC
  --timeframes      comma separated, of ${TIMEFRAMES.join(', ')}
  --since, --until  ISO dates (UTC), e.g. 2024-01-01; --until is exclusive and defaults to now
  --out DIR         where BASE_QUOTE-TIMEFRAME.json files go (default data/candles); an existing
                    file is resumed after its last candle`;

/** `npm run download`: closed candles through ccxt, rate limited, resumable, gaps reported. */
export async function downloadCli(args: readonly string[]): Promise<void> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        exchange: { type: 'string' },
        symbols: { type: 'string' },
        timeframes: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        out: { type: 'string', default: 'data/candles' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) return console.log(USAGE);
    const symbols = required(values.symbols, '--symbols').split(',').map((s) => s.trim());
    const bad = symbols.find((s) => !/^[A-Z0-9]+\/[A-Z0-9]+$/.test(s));
    if (bad !== undefined) throw new InvalidInputError('--symbols', `${JSON.stringify(bad)} must look like BASE/QUOTE`);
    const client = new (await loadExchangeClass(required(values.exchange, '--exchange')))({ enableRateLimit: true });
    const results = await downloadCandles({
      exchange: client,
      symbols,
      timeframes: required(values.timeframes, '--timeframes').split(',').map(parseTimeframe),
      since: parseDate(required(values.since, '--since'), '--since'),
      until: values.until === undefined ? undefined : parseDate(values.until, '--until'),
      outDir: values.out,
      onPage: (series, lastOpenTime, added) => process.stderr.write(`\r${series}: ${added} candles, up to ${new Date(lastOpenTime).toISOString()}   `),
    });
    process.stderr.write('\n');
    for (const r of results) {
      console.log(`${r.symbol} ${r.timeframe}: ${r.added} candles added${r.kept > 0 ? ` after ${r.kept} already there` : ''} → ${r.file}`);
      for (const gap of r.gaps) console.log(`  gap: ${gap.missing} candles missing from ${new Date(gap.from).toISOString()}`);
    }
  } catch (error) {
    const known = error instanceof TraderError || (error instanceof TypeError && 'code' in error);
    console.error(known ? `download: ${error.message}\n\n${USAGE}` : error);
    process.exitCode = 1;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new InvalidInputError(flag, 'is required');
  return value;
}

function parseTimeframe(text: string): Timeframe {
  const parsed = TimeframeSchema.safeParse(text.trim());
  if (!parsed.success) throw new InvalidInputError('--timeframes', `${JSON.stringify(text)} is not one of ${TIMEFRAMES.join(', ')}`);
  return parsed.data;
}

function parseDate(text: string, flag: string): number {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(time)) throw new InvalidInputError(flag, `${JSON.stringify(text)} is not a date (e.g. 2024-01-01)`);
  return time;
}
