import { toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { CandleReplayClock } from './CandleReplayClock.js';
import type { FaultInjector } from './FaultInjector.js';
import type { RequestWeights } from './RequestWeights.js';
import type { SimHttpServer } from './SimHttpServer.js';
import { type SimOrderView, type SimTradeView, orderView, tradeView } from './simViews.js';
import type { VenueState } from './VenueState.js';

/**
 * A running Binance spot simulator: its address and keys for ccxt, the clock the caller
 * drives, the fault injector, and read-only views of the venue's orders, trades and
 * balances. Built by startExchangeSimulator().
 */
export class ExchangeSimulator {
  constructor(
    readonly url: string,
    readonly apiKey: string,
    readonly secret: string,
    readonly faults: FaultInjector,
    private readonly state: VenueState,
    private readonly clock: CandleReplayClock,
    private readonly server: SimHttpServer,
    private readonly weights: RequestWeights,
  ) {}

  /** The request weight used in the current window, as the last answer's X-MBX-USED-WEIGHT-1M said. */
  usedWeight(): number {
    return this.weights.usedWeight();
  }

  now(): number {
    return this.clock.now();
  }

  /** Moves the clock forward, matching open orders against every candle that closes on the way, in order. */
  advanceTo(time: number): void {
    this.clock.advanceTo(time);
  }

  /** Advances the clock in real time × speed until stopRunning(). */
  runAtSpeed(speed: number): void {
    this.clock.runAtSpeed(speed);
  }

  stopRunning(): void {
    this.clock.stopRunning();
  }

  markets(): Market[] {
    return [...this.state.markets.values()];
  }

  orders(): SimOrderView[] {
    return this.state.book.all().map((o) => orderView(o, this.state.markets.get(o.symbol)));
  }

  trades(): SimTradeView[] {
    return this.state.book.allTrades().map((t) => tradeView(t, this.state.markets.get(t.symbol)));
  }

  balances(): Record<string, { free: string; locked: string }> {
    const result: Record<string, { free: string; locked: string }> = {};
    for (const asset of this.state.balances.assets()) {
      const { free, locked } = this.state.balances.get(asset);
      result[asset] = { free: toDecimalString(free), locked: toDecimalString(locked) };
    }
    return result;
  }

  /** Whether the HTTP server still listens; false once stop() has run. */
  get listening(): boolean {
    return this.server.isListening;
  }

  /** Stops the clock and the server and ends every connection, hung ones included. Idempotent. */
  async stop(): Promise<void> {
    this.clock.stopRunning();
    this.faults.clear();
    await this.server.close();
  }
}
