import type { Candle, Timeframe } from '../../domain/candle.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { SymbolBook } from './SymbolBook.js';

/** The backtest's windows: each series' book, already moved to the candle being decided. */
export class ReplayWindows implements CandleWindows {
  private readonly books = new Map<string, SymbolBook>();

  constructor(books: readonly SymbolBook[]) {
    for (const book of books) this.books.set(`${book.series.symbol}#${book.series.timeframe}`, book);
  }

  advance(symbol: string, timeframe: Timeframe, candle: Candle): CandleWindow {
    const book = this.books.get(`${symbol}#${timeframe}`);
    if (book === undefined || book.window.length === 0 || book.window.last() !== candle) {
      throw new Error(`replay: ${symbol} ${timeframe} was not moved to the candle at ${candle.openTime}`);
    }
    return book.window;
  }
}
