import type { CandleQuote } from '../../../../../lib/domain/candleQuote.js';
import { type Candle, type Timeframe, timeframeMs } from '../../../../../lib/domain/candle.js';
import type { DecisionMessage } from '../../../../../lib/domain/decisionMessage.js';
import type { Market } from '../../../../../lib/domain/market.js';
import type { Fill } from '../../../../../lib/domain/order.js';
import type { CandlePutExtras, ResumePoint } from '../../../../../lib/ports/CandleStore.js';
import type { PublishReport } from '../../../../../lib/ports/DecisionQueue.js';
import type { Logger } from '../../../../../lib/ports/Logger.js';
import type { CaptureDeps } from '../../../../../lib/runtime/lambda/capture/captureClosedCandles.js';
import type { CaptureCandleStore, CaptureMarketData, PaperAdvance } from '../../../../../lib/runtime/lambda/capture/captureSeries.js';

export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = 60_000;

export const candle = (openTime: number): Candle => ({ openTime, open: 10, high: 12, low: 9, close: 11, volume: 3 });

export const market = (symbol: string): Market => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, amountStep: '0.001', priceStep: '0.01', minAmount: '0.001', minCost: '1', takerFeeRate: '0.001', makerFeeRate: '0.001' };
};

/**
 * A venue holding one candle per timeframe step from long before T0, whose klines (like
 * Binance's) count the still-forming candle in the limit; the gateway then drops it.
 */
export class FakeVenue implements CaptureMarketData {
  readonly fetches: { symbol: string; timeframe: Timeframe; since: number | undefined; limit: number | undefined }[] = [];
  readonly quotes: string[] = [];
  readonly down = new Set<string>();
  readonly tickerDown = new Set<string>();

  constructor(
    readonly clock: { now(): number },
    readonly events: string[] = [],
  ) {}

  fetchClosedCandles = (symbol: string, timeframe: Timeframe, since?: number, limit = 500): Promise<Candle[]> => {
    this.fetches.push({ symbol, timeframe, since, limit });
    if (this.down.has(symbol)) return Promise.reject(new Error(`venue down for ${symbol}`));
    const step = timeframeMs(timeframe);
    const now = this.clock.now();
    const first = Math.ceil((since ?? now - limit * step) / step) * step;
    const rows: Candle[] = [];
    for (let t = first; t <= now && rows.length < limit; t += step) rows.push(candle(t));
    return Promise.resolve(rows.filter((c) => c.openTime + step <= now));
  };

  fetchQuote(symbol: string): Promise<CandleQuote> {
    this.quotes.push(symbol);
    if (this.tickerDown.has(symbol)) return Promise.reject(new Error('ticker down'));
    return Promise.resolve({ bid: '10.5', ask: '10.6', last: '10.55' });
  }

  market(symbol: string): Promise<Market> {
    return Promise.resolve(market(symbol));
  }
}

export interface StoredItem {
  readonly candle: Candle;
  readonly capturedAt?: number;
  readonly quote?: CandleQuote;
  readonly unpublished?: readonly number[];
}

/** The market table as a map: one item per (series, open time); the newest of each put is stamped, each carries the outbox at or before it. */
export class FakeStore implements CaptureCandleStore {
  readonly items = new Map<string, Map<number, StoredItem>>();
  readonly puts: { series: string; openTimes: number[]; quote?: CandleQuote; unpublished?: readonly number[] }[] = [];
  readonly failing = new Set<string>();

  constructor(readonly events: string[] = []) {}

  resumePoint(symbol: string, timeframe: Timeframe): Promise<ResumePoint | undefined> {
    const items = this.items.get(`${symbol}#${timeframe}`);
    const times = [...(items?.keys() ?? [])];
    if (times.length === 0) return Promise.resolve(undefined);
    const openTime = Math.max(...times);
    return Promise.resolve({ openTime, unpublished: items?.get(openTime)?.unpublished ?? [] });
  }

  put(symbol: string, timeframe: Timeframe, candles: readonly Candle[], now: number, extras: CandlePutExtras = {}): Promise<void> {
    const series = `${symbol}#${timeframe}`;
    if (this.failing.has(series)) return Promise.reject(new Error('ProvisionedThroughputExceededException'));
    const { quote, unpublished = [] } = extras;
    this.events.push(`put ${series}`);
    this.puts.push({ series, openTimes: candles.map((c) => c.openTime), ...(quote ? { quote } : {}), ...(unpublished.length > 0 ? { unpublished } : {}) });
    const items = this.items.get(series) ?? new Map<number, StoredItem>();
    const newest = Math.max(...candles.map((c) => c.openTime));
    for (const c of candles) {
      const outbox = unpublished.filter((t) => t <= c.openTime);
      items.set(c.openTime, { candle: c, ...(c.openTime === newest ? { capturedAt: now, ...(quote ? { quote } : {}) } : {}), ...(outbox.length > 0 ? { unpublished: outbox } : {}) });
    }
    this.items.set(series, items);
    return Promise.resolve();
  }

  window(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
    const items = [...(this.items.get(`${symbol}#${timeframe}`)?.values() ?? [])];
    return Promise.resolve(items.map((item) => item.candle).filter((c) => c.openTime >= from && c.openTime < to).sort((a, b) => a.openTime - b.openTime));
  }

  setUnpublished(symbol: string, timeframe: Timeframe, openTime: number, unpublished: readonly number[]): Promise<void> {
    const series = `${symbol}#${timeframe}`;
    this.events.push(`outbox ${series}@${openTime} [${unpublished.join(' ')}]`);
    const items = this.items.get(series);
    const item = items?.get(openTime);
    if (items && item) {
      items.set(openTime, { candle: item.candle, ...(item.capturedAt !== undefined ? { capturedAt: item.capturedAt } : {}), ...(item.quote ? { quote: item.quote } : {}), ...(unpublished.length > 0 ? { unpublished } : {}) });
    }
    return Promise.resolve();
  }

  openTimes(series: string): number[] {
    return [...(this.items.get(series)?.keys() ?? [])].sort((a, b) => a - b);
  }
}

export class FakeQueue {
  readonly messages: DecisionMessage[] = [];
  readonly refusing = new Set<string>();

  constructor(readonly events: string[] = []) {}

  publish(messages: readonly DecisionMessage[]): Promise<PublishReport> {
    this.events.push(`publish ${messages.map((m) => `${m.symbol}#${m.timeframe}@${m.candle.openTime}`).join(' ')}`);
    const failed = messages.filter((m) => this.refusing.has(m.symbol)).map((message) => ({ message, reason: 'KMS.ThrottlingException: slow down' }));
    this.messages.push(...messages.filter((m) => !this.refusing.has(m.symbol)));
    return Promise.resolve({ published: messages.length - failed.length, failed });
  }

  keys(): string[] {
    return this.messages.map((m) => `${m.symbol}#${m.timeframe}@${m.candle.openTime}`);
  }
}

export class FakePaper implements PaperAdvance {
  readonly calls: { symbol: string; market: Market; openTimes: number[] }[] = [];

  constructor(readonly events: string[] = []) {}

  advance(symbol: string, m: Market, candles: readonly Candle[]): Promise<readonly Fill[]> {
    this.events.push(`advance ${symbol}`);
    this.calls.push({ symbol, market: m, openTimes: candles.map((c) => c.openTime) });
    return Promise.resolve([]);
  }
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

export function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, message, fields: fields as Record<string, unknown> });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Everything capture needs, as fakes sharing one event log; the clock starts 30 s into the minute at T0. */
export function captureHarness(symbols: CaptureDeps['symbols'], options: { historyCandles?: number; paper?: boolean } = {}) {
  let now = T0 + 30_000;
  const clock = { now: () => now };
  const events: string[] = [];
  const lines: LogLine[] = [];
  const venue = new FakeVenue(clock, events);
  const store = new FakeStore(events);
  const queue = new FakeQueue(events);
  const paper = new FakePaper(events);
  const deps: CaptureDeps = {
    symbols,
    marketData: venue,
    store,
    queue,
    ...(options.paper ? { paper } : {}),
    clock,
    logger: recordingLogger(lines),
    historyCandles: options.historyCandles ?? 5,
  };
  return { deps, venue, store, queue, paper, events, lines, setNow: (t: number) => void (now = t) };
}
