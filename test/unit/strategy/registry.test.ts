import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import { InvalidInputError, UnknownStrategyError } from '../../../lib/domain/errors.js';
import { builtInStrategies, createStrategy, isStrategyModulePath, loadStrategy } from '../../../lib/strategy/registry.js';
import { contextFor } from './replayStrategy.js';
import { candlesFromCloses } from './syntheticCandles.js';

const FIXTURES = './test/fixtures/strategies';

describe('Function: createStrategy', () => {
  it('creates each built-in strategy by its name', () => {
    expect(Object.keys(builtInStrategies)).toEqual(['ema-crossover', 'rsi-mean-reversion']);
    for (const name of Object.keys(builtInStrategies)) {
      expect(createStrategy({ name, params: {} }).name).toBe(name);
    }
  });

  it('passes the params to the strategy', () => {
    const strategy = createStrategy({ name: 'ema-crossover', params: { fastPeriod: 5, slowPeriod: 20, atrPeriod: 10 } });
    expect(strategy.warmupCandles).toBe(21);
  });

  it('names the known strategies when the name is unknown', () => {
    const create = (): unknown => createStrategy({ name: 'macd-magic', params: {} });
    expect(create).toThrow(UnknownStrategyError);
    expect(create).toThrow('unknown strategy "macd-magic" (known: ema-crossover, rsi-mean-reversion, model, llm)');
  });

  it('does not mistake an inherited property for a strategy', () => {
    expect(() => createStrategy({ name: 'constructor', params: {} })).toThrow(UnknownStrategyError);
  });

  it('names the bad param field', () => {
    const create = (): unknown => createStrategy({ name: 'ema-crossover', params: { fastPeriod: 'fast' } });
    expect(create).toThrow(InvalidInputError);
    expect(create).toThrow(/^strategy\.params: fastPeriod: /);
  });
});

describe('Function: isStrategyModulePath', () => {
  it('tells a module path from a built-in name', () => {
    expect(['./mine.js', '../x/y', '/abs/s.mjs', 'strategies/mine.ts', 'mine.js'].map(isStrategyModulePath)).toEqual([true, true, true, true, true]);
    expect(['ema-crossover', 'rsi-mean-reversion', 'my.strategy'].map(isStrategyModulePath)).toEqual([false, false, false]);
  });
});

describe('Function: loadStrategy', () => {
  it('creates a built-in strategy by name', async () => {
    expect((await loadStrategy({ name: 'rsi-mean-reversion', params: {} })).name).toBe('rsi-mean-reversion');
  });

  it('loads a strategy from the default export of a module, with its params', async () => {
    const strategy = await loadStrategy({ name: `${FIXTURES}/everyCandleLong.ts`, params: { warmupCandles: 3 } });
    expect(strategy).toMatchObject({ name: 'every-candle-long', warmupCandles: 3 });
    const window = ArrayCandleWindow.of(candlesFromCloses([0.1, 0.2]));
    expect(strategy.evaluate(contextFor(window))).toMatchObject([{ side: 'long', entry: 0.2 }]);
  });

  it('names the module and what its strategy lacks', async () => {
    const path = resolve(`${FIXTURES}/incompleteStrategy.ts`);
    await expect(loadStrategy({ name: `${FIXTURES}/incompleteStrategy.ts`, params: {} })).rejects.toThrow(
      `strategy.name: strategy module ${path} created an object without warmupCandles (a non-negative integer), evaluate (a function)`,
    );
  });

  it('names the module when it has no default export', async () => {
    await expect(loadStrategy({ name: `${FIXTURES}/noDefaultExport.ts`, params: {} })).rejects.toThrow(
      `strategy module ${resolve(`${FIXTURES}/noDefaultExport.ts`)} has no default export that creates a strategy`,
    );
  });

  it('names the module it cannot load', async () => {
    const loading = loadStrategy({ name: './no/such/strategy.js', params: {} });
    await expect(loading).rejects.toThrow(InvalidInputError);
    await expect(loadStrategy({ name: './no/such/strategy.js', params: {} })).rejects.toThrow(
      `cannot load strategy module ${resolve('./no/such/strategy.js')}`,
    );
  });
});
