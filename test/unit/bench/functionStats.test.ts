import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findFunctionEntries } from '../../../bench/functionBundles.js';
import {
  type MetafileLike,
  bytesByPackage,
  decideGoals,
  isAwsSdkPackage,
  median,
  mergeResults,
  packageOf,
  pairedDifferences,
  percentile,
  sumBytes,
  summarize,
  topInputs,
} from '../../../bench/functionStats.js';

describe('bench: median and percentile', () => {
  it('takes the middle sample of an odd count and the mean of the two middle samples of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('p90 is the nearest-rank sample: the 9th of 10, the 10th of 11', () => {
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([], 90)).toBeNaN();
  });

  it('summarizes timings to 0.1 ms without reordering its input', () => {
    const samples = [12.34, 10, 11.26, 30, 9.99];

    expect(summarize(samples)).toEqual({ medianMs: 11.3, p90Ms: 30, minMs: 10, maxMs: 30, samples: 5 });
    expect(samples).toEqual([12.34, 10, 11.26, 30, 9.99]);
  });
});

describe('bench: paired differences of two targets sampled round by round', () => {
  it("takes each round's b − a, so a loaded round raises both and cancels out", () => {
    const defaults = [900, 2400, 880];
    const llm = [950, 2500, 870];

    expect(pairedDifferences(defaults, llm)).toEqual([50, 100, -10]);
    expect(median(pairedDifferences(defaults, llm))).toBe(50);
  });

  it('pairs only the rounds both have', () => {
    expect(pairedDifferences([1, 2, 3], [4, 6])).toEqual([3, 4]);
    expect(pairedDifferences([], [1])).toEqual([]);
  });
});

describe('bench: bundle composition from an esbuild metafile', () => {
  it('names the package of an input: the last node_modules package, scoped names whole, else the first path segment', () => {
    expect(packageOf('node_modules/zod/v4/core/core.js')).toBe('zod');
    expect(packageOf('node_modules/@aws-sdk/client-ssm/dist-es/index.js')).toBe('@aws-sdk/client-ssm');
    expect(packageOf('node_modules/@smithy/core/node_modules/@smithy/types/dist-es/a.js')).toBe('@smithy/types');
    expect(packageOf('node_modules\\pino\\pino.js')).toBe('pino');
    expect(packageOf('lib/domain/botConfig.ts')).toBe('lib');
    expect(packageOf('functions/decide.ts')).toBe('functions');
    expect(packageOf('cdk/bundling/protobufjs/minimal.js')).toBe('cdk');
    expect(packageOf('../main/node_modules/ccxt/js/src/base/errors.js')).toBe('ccxt');
    expect(packageOf('<stdin>')).toBe('<stdin>');
  });

  const metafile: MetafileLike = {
    outputs: {
      'out/index.mjs.map': { inputs: {} },
      'out/index.mjs': {
        inputs: {
          'node_modules/ccxt/js/src/binance.js': { bytesInOutput: 500 },
          'node_modules/ccxt/js/src/base/Exchange.js': { bytesInOutput: 300 },
          'node_modules/zod/v4/classic/schemas.js': { bytesInOutput: 400 },
          'node_modules/@aws-sdk/client-ssm/dist-es/SSMClient.js': { bytesInOutput: 120 },
          'node_modules/@smithy/core/dist-es/index.js': { bytesInOutput: 200 },
          'node_modules/@aws-crypto/util/build/module/index.js': { bytesInOutput: 10 },
          'node_modules/pino/pino.js': { bytesInOutput: 120 },
          'lib/domain/candle.ts': { bytesInOutput: 60 },
          'lib/runtime/lambda/env.ts': { bytesInOutput: 40 },
          'functions/decide.ts': { bytesInOutput: 5 },
        },
      },
    },
  };

  it('sums output bytes per package, largest first, ties by name', () => {
    expect(Object.entries(bytesByPackage(metafile))).toEqual([
      ['ccxt', 800],
      ['zod', 400],
      ['@smithy/core', 200],
      ['@aws-sdk/client-ssm', 120],
      ['pino', 120],
      ['lib', 100],
      ['@aws-crypto/util', 10],
      ['functions', 5],
    ]);
  });

  it('keeps the top packages only', () => {
    expect(Object.entries(topInputs(metafile, 3))).toEqual([
      ['ccxt', 800],
      ['zod', 400],
      ['@smithy/core', 200],
    ]);
    expect(Object.keys(topInputs(metafile))).toHaveLength(8);
  });

  it('adds up what the AWS SDK contributes', () => {
    expect(isAwsSdkPackage('@aws-sdk/client-ssm')).toBe(true);
    expect(isAwsSdkPackage('@smithy/core')).toBe(true);
    expect(isAwsSdkPackage('@aws-crypto/util')).toBe(true);
    expect(isAwsSdkPackage('@aws-lambda-powertools/metrics')).toBe(false);
    expect(sumBytes(bytesByPackage(metafile), isAwsSdkPackage)).toBe(330);
  });
});

describe('bench: decide goals', () => {
  it('are null until decide exists', () => {
    expect(decideGoals(undefined, 800)).toEqual({
      decideUnder1_5MB: null,
      decideInitUnderHalfCcxt: null,
      decideNoCcxtAtInit: null,
      decideLlmBedrockInitUnderHalfCcxt: null,
      decideBundleLimitBytes: 1_500_000,
      decideInitLimitMs: 400,
    });
  });

  it('compare the bundle with 1,500,000 bytes and the init times with half of importing ccxt', () => {
    expect(decideGoals({ bundleBytes: 1_500_000, initMs: 100, ccxtLoadedAtInit: false, initMsLlmBedrock: 100 }, 200.2)).toEqual({
      decideUnder1_5MB: true,
      decideInitUnderHalfCcxt: true,
      decideNoCcxtAtInit: true,
      decideLlmBedrockInitUnderHalfCcxt: true,
      decideBundleLimitBytes: 1_500_000,
      decideInitLimitMs: 100.1,
    });
    expect(decideGoals({ bundleBytes: 1_500_000, initMs: 100, ccxtLoadedAtInit: false, initMsLlmBedrock: 100.1 }, 200.2).decideLlmBedrockInitUnderHalfCcxt).toBe(false);
    expect(decideGoals({ bundleBytes: 1_500_001, initMs: 100.1, ccxtLoadedAtInit: true }, 200.2)).toMatchObject({
      decideUnder1_5MB: false,
      decideInitUnderHalfCcxt: false,
      decideNoCcxtAtInit: false,
    });
  });
});

describe('bench: merging into results.json', () => {
  it('replaces the sections a run produced whole, keeps the others, and refreshes machine in place', () => {
    const previous = {
      machine: { node: 'v20.0.0' },
      backtest: { candlesPerSecond: 1 },
      functions: { handler: { bundleBytes: 177 } },
      exchange: { bundleBytes: 2 },
    };
    const merged = mergeResults(previous, { functions: { decide: { bundleBytes: 3 } }, baseline: { ccxtFullImportMs: 4 } }, { node: 'v20.1.0' });

    expect(merged).toEqual({
      machine: { node: 'v20.1.0' },
      backtest: { candlesPerSecond: 1 },
      functions: { decide: { bundleBytes: 3 } },
      exchange: { bundleBytes: 2 },
      baseline: { ccxtFullImportMs: 4 },
    });
    expect(Object.keys(merged)).toEqual(['machine', 'backtest', 'functions', 'exchange', 'baseline']);
  });
});

describe('bench: which function files are measured', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('takes every functions/*.ts handler, not tests or declarations, and names the missing ones', () => {
    root = mkdtempSync(join(tmpdir(), 'bench-entries-'));
    mkdirSync(join(root, 'functions'));
    for (const file of ['decide.ts', 'capture.ts', 'decide.test.ts', 'types.d.ts', 'notes.md']) writeFileSync(join(root, 'functions', file), '');

    expect(findFunctionEntries(root, '')).toEqual({
      entries: [
        { name: 'capture', entry: 'functions/capture.ts', fixture: false },
        { name: 'decide', entry: 'functions/decide.ts', fixture: false },
      ],
      source: 'functions/',
      missing: ['heartbeat', 'maintenance'],
    });
  });

  it('falls back to the infra fixtures while functions/ has no handler', () => {
    root = mkdtempSync(join(tmpdir(), 'bench-entries-'));

    expect(findFunctionEntries(root, '')).toEqual({
      entries: [
        { name: 'handler', entry: 'test/infra/fixtures/handler.ts', fixture: true },
        { name: 'ccxtHandler', entry: 'test/infra/fixtures/ccxtHandler.ts', fixture: true },
      ],
      source: 'test/infra/fixtures (functions/ has no *.ts yet)',
      missing: ['capture', 'decide', 'heartbeat', 'maintenance'],
    });
  });
});
