import { badAnswer } from './badAnswer.js';
import type { CcxtTicker } from './CcxtClient.js';

/** A ticker's last price (ccxt's close when it has no last), refused naming it when missing or not positive. */
export function toLastPrice(ticker: CcxtTicker, symbol: string): number {
  const last: number | undefined = ticker.last ?? ticker.close;
  if (last === undefined || !Number.isFinite(last) || last <= 0) throw badAnswer(`${symbol} ticker`, `last is missing or not a positive price (${String(last)})`);
  return last;
}
