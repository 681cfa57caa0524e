import type { Candle, Timeframe } from '../../domain/candle.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { SymbolBook } from './SymbolBook.js';

/** The backtest's windows: each series' book, already moved to the candle being decided. */
export class ReplayWindows implements CandleWindows {
  /** Symbol → timeframe → book: looked up on every candle, so without building a key. */
  private readonly books = new Map<string, Map<Timeframe, SymbolBook>>();
  /** The book asked for last: a backtest of one series asks for it on every candle. */
  private lastBook: SymbolBook | undefined;

  constructor(books: readonly SymbolBook[]) {
    for (const book of books) {
      const { symbol, timeframe } = book.series;
      let byTimeframe = this.books.get(symbol);
      if (byTimeframe === undefined) this.books.set(symbol, (byTimeframe = new Map<Timeframe, SymbolBook>()));
      byTimeframe.set(timeframe, book);
    }
  }

  advance(symbol: string, timeframe: Timeframe, candle: Candle): CandleWindow {
    const last = this.lastBook;
    const book = last !== undefined && last.series.symbol === symbol && last.series.timeframe === timeframe ? last : (this.lastBook = this.books.get(symbol)?.get(timeframe));
    if (book === undefined || book.window.length === 0 || book.window.last() !== candle) {
      throw new Error(`replay: ${symbol} ${timeframe} was not moved to the candle at ${candle.openTime}`);
    }
    return book.window;
  }
}
