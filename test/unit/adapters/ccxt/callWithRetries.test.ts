import { BadSymbol, DDoSProtection, RateLimitExceeded, RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { callWithRetries, type RetryContext } from '../../../../lib/adapters/ccxt/callWithRetries.js';
import { VenueHold, type VenueHoldNotice } from '../../../../lib/adapters/ccxt/VenueHold.js';
import { ExchangeCallError } from '../../../../lib/domain/errors.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';

function context(sleeps: number[], retryAfter?: number, hold = new VenueHold({ now: () => 1_000_000 }, silentLogger)): RetryContext {
  return {
    hold,
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

  it('does not sleep through a Retry-After longer than the policy allows: it holds the venue, says so once, and calls nothing until then', async () => {
    let now = 1_000_000;
    const notices: VenueHoldNotice[] = [];
    const hold = new VenueHold({ now: () => now }, silentLogger, (n) => notices.push(n));
    const sleeps: number[] = [];
    let calls = 0;
    const call = () => {
      calls += 1;
      return Promise.reject(new RateLimitExceeded('binance 429 Too Many Requests'));
    };
    await expect(callWithRetries('fetchTicker', call, context(sleeps, 600_000, hold))).rejects.toBeInstanceOf(RateLimitExceeded);
    expect({ calls, sleeps, notices }).toEqual({ calls: 1, sleeps: [], notices: [{ banned: false, until: 1_600_000, reason: 'RateLimitExceeded: binance 429 Too Many Requests' }] });
    now = 1_599_999;
    await expect(callWithRetries('fetchTicker', call, context(sleeps, undefined, hold))).rejects.toThrow(ExchangeCallError);
    expect(calls).toBe(1);
    now = 1_600_000;
    await expect(callWithRetries('fetchTicker', () => Promise.resolve('ok'), context(sleeps, undefined, hold))).resolves.toBe('ok');
  });

  it('never retries into a 418 ban, however short its Retry-After', async () => {
    const notices: VenueHoldNotice[] = [];
    const hold = new VenueHold({ now: () => 0 }, silentLogger, (n) => notices.push(n));
    const sleeps: number[] = [];
    const ban = new DDoSProtection('binance 418 I\'m a teapot {"code":-1003,"msg":"Way too much request weight used; IP banned until 120000."}');
    await expect(callWithRetries('fetchTicker', failing([ban]), context(sleeps, 1_000, hold))).rejects.toBe(ban);
    expect(sleeps).toEqual([]);
    expect(notices).toMatchObject([{ banned: true, until: 1_000 }]);
  });
});
