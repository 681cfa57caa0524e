import { type Awaitable, isPending } from '../../domain/awaitable.js';
import type { Candle, Timeframe } from '../../domain/candle.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { Logger } from '../../ports/Logger.js';

/** What the live DecisionCycle hands on once it has decided a candle. */
export interface ShadowDecisions {
  decide(symbol: string, timeframe: Timeframe, candle: Candle, window: CandleWindow): Awaitable<void>;
}

/** A shadow's own decision engine: in practice a DecisionCycle over its virtual book and a virtual venue. */
export interface ShadowDecider {
  decide(symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<unknown>;
}

export interface Shadow {
  readonly id: string;
  readonly cycle: ShadowDecider;
  /** The shadow cycle's windows port: the live decision's window, handed on. */
  readonly windows: HandedWindows;
}

/**
 * The live decision's window, handed to a shadow's cycle: the shadow decides on exactly the
 * candles the live strategy saw, and the series is not advanced a second time.
 */
export class HandedWindows implements CandleWindows {
  private readonly handed = new Map<string, CandleWindow>();

  hand(symbol: string, timeframe: Timeframe, window: CandleWindow): void {
    this.handed.set(`${symbol} ${timeframe}`, window);
  }

  advance(symbol: string, timeframe: Timeframe, candle: Candle): CandleWindow {
    const window = this.handed.get(`${symbol} ${timeframe}`);
    if (window === undefined || window.length === 0 || window.last().openTime !== candle.openTime) {
      throw new Error(`shadow: ${symbol} ${timeframe} was not handed the window of the candle at ${candle.openTime}`);
    }
    return window;
  }
}

/**
 * Every shadow strategy decides each candle the live cycle decided, on the same window,
 * through its own DecisionCycle: the same risk rules against a virtual book of its own,
 * plans followed to their outcome on a virtual venue. A shadow that fails is logged and
 * never fails the live decision, which is already made.
 */
export class ShadowFleet implements ShadowDecisions {
  constructor(
    readonly shadows: readonly Shadow[],
    private readonly logger: Logger,
  ) {}

  decide(symbol: string, timeframe: Timeframe, candle: Candle, window: CandleWindow): Awaitable<void> {
    let pending: Promise<void>[] | undefined;
    for (const shadow of this.shadows) {
      shadow.windows.hand(symbol, timeframe, window);
      try {
        const outcome = shadow.cycle.decide(symbol, timeframe, candle);
        if (isPending(outcome)) (pending ??= []).push(outcome.then(nothing, (error: unknown) => this.failed(shadow, symbol, candle, error)));
      } catch (error) {
        this.failed(shadow, symbol, candle, error);
      }
    }
    return pending === undefined ? undefined : Promise.all(pending).then(nothing);
  }

  private failed(shadow: Shadow, symbol: string, candle: Candle, error: unknown): void {
    this.logger.error({ shadow: shadow.id, symbol, openTime: candle.openTime, err: error }, 'shadow strategy failed on a candle');
  }
}

function nothing(): void {}
