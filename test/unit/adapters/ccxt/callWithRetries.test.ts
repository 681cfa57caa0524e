import { BadSymbol, RateLimitExceeded, RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { callWithRetries, type RetryContext } from '../../../../lib/adapters/ccxt/callWithRetries.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';

function context(sleeps: number[], retryAfter?: number): RetryContext {
  return {
    policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000 },
    timing: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 },
    logger: silentLogger,
    retryAfterMs: () => retryAfter,
    redact: (m) => m,
  };
}

function failing(errors: Error[], value = 'ok'): () => Promise<string> {
  return () => {
    const error = errors.shift();
    return error ? Promise.reject(error) : Promise.resolve(value);
  };
}

describe('Function: callWithRetries', () => {
  it('retries network-class failures with a jittered backoff, then returns the answer', async () => {
    const sleeps: number[] = [];
    const result = await callWithRetries('fetchTicker', failing([new RequestTimeout('t'), new RateLimitExceeded('r')]), context(sleeps));
    expect(result).toBe('ok');
    expect(sleeps).toEqual([50, 100]);
  });

  it('throws the last error once the attempts run out', async () => {
    const sleeps: number[] = [];
    const last = new RequestTimeout('third');
    await expect(callWithRetries('fetchTicker', failing([new RequestTimeout('1'), new RequestTimeout('2'), last]), context(sleeps))).rejects.toBe(last);
    expect(sleeps).toHaveLength(2);
  });

  it('never retries an answer such as BadSymbol', async () => {
    const sleeps: number[] = [];
    await expect(callWithRetries('fetchTicker', failing([new BadSymbol('no such market')]), context(sleeps))).rejects.toBeInstanceOf(BadSymbol);
    expect(sleeps).toEqual([]);
  });

  it('waits as long as the Retry-After asked', async () => {
    const sleeps: number[] = [];
    await callWithRetries('fetchTicker', failing([new RateLimitExceeded('429')]), context(sleeps, 3_000));
    expect(sleeps).toEqual([3_000]);
  });
});
