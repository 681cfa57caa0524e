import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../../lib/ports/Metrics.js';
import { countFailedInvocations } from '../../../../lib/runtime/lambda/countFailedInvocations.js';
import { emitHeartbeatMetrics } from '../../../../lib/runtime/lambda/heartbeat/emitHeartbeatMetrics.js';

class RecordedMetrics implements Metrics {
  readonly counts: string[] = [];
  readonly gauges: Record<string, number> = {};
  count(name: string): void {
    this.counts.push(name);
  }
  gauge(name: string, value: number): void {
    this.gauges[name] = value;
  }
}

const context = { awsRequestId: 'req' } as Context;

/** A handler that fails on the runs `failing` names (1-based), through the middleware. */
function handler(metrics: Metrics, lines: Record<string, unknown>[], failing: ReadonlySet<number>, consecutive?: number) {
  let run = 0;
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return middy<unknown, string>()
    .use(countFailedInvocations(metrics, logger, { functionName: 'capture', ...(consecutive !== undefined ? { consecutive } : {}) }))
    .handler(() => {
      run += 1;
      if (failing.has(run)) return Promise.reject(new Error(`venue down on run ${run}`));
      return Promise.resolve('ok');
    });
}

async function runs(fn: ReturnType<typeof handler>, count: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i += 1) outcomes.push(await fn({}, context).then((result) => result, (error: unknown) => `threw: ${(error as Error).message}`));
  return outcomes;
}

describe('countFailedInvocations', () => {
  it('counts FunctionErrors for every failed invocation, rethrows it, and logs which function failed', async () => {
    const metrics = new RecordedMetrics();
    const lines: Record<string, unknown>[] = [];

    const outcomes = await runs(handler(metrics, lines, new Set([2])), 3);

    expect(outcomes).toEqual(['ok', 'threw: venue down on run 2', 'ok']);
    expect(metrics.counts).toEqual(['FunctionErrors']);
    expect(lines).toEqual([expect.objectContaining({ msg: 'capture failed', alarm: 'FunctionErrors', function: 'capture', failuresInARow: 1, counted: true })]);
  });

  it('with `consecutive: 3`, counts only the third failure in a row and those after it; a success starts over', async () => {
    const metrics = new RecordedMetrics();
    const lines: Record<string, unknown>[] = [];

    await runs(handler(metrics, lines, new Set([1, 2, 4, 5, 6, 7]), 3), 7);

    expect(metrics.counts).toEqual(['FunctionErrors', 'FunctionErrors']);
    expect(lines.map((line) => [line['failuresInARow'], line['counted']])).toEqual([
      [1, false],
      [2, false],
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ]);
  });
});

describe('emitHeartbeatMetrics: TradingStopped', () => {
  const figures = { exposure: '0', openPlans: 0, unprotectedPositions: 0 };

  it.each([
    [false, false, undefined],
    [false, true, 1],
    [true, false, 2],
    [true, true, 2],
  ] as const)('halted %s, daily loss limit hit %s: %s', (halted, dailyLossLimitHit, expected) => {
    const metrics = new RecordedMetrics();

    emitHeartbeatMetrics(metrics, { ...figures, halted, dailyLossLimitHit });

    expect(metrics.gauges['TradingStopped']).toBe(expected);
  });
});
