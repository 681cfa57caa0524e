import { describe, expect, it } from 'vitest';
import { deriveClientOrderId, derivePlanId, isOwnClientOrderId } from '../../../lib/domain/clientOrderId.js';

describe('Function: deriveClientOrderId', () => {
  it('gives the same id for the same bot, plan, leg and attempt', () => {
    expect(deriveClientOrderId('bot1', 'bot1-abc', 'entry', 0)).toBe(deriveClientOrderId('bot1', 'bot1-abc', 'entry', 0));
  });

  it('gives different ids for another leg or attempt', () => {
    const ids = new Set([
      deriveClientOrderId('bot1', 'bot1-abc', 'entry', 0),
      deriveClientOrderId('bot1', 'bot1-abc', 'entry', 1),
      deriveClientOrderId('bot1', 'bot1-abc', 'stop', 0),
      deriveClientOrderId('bot1', 'bot1-abd', 'entry', 0),
    ]);
    expect(ids.size).toBe(4);
  });

  it('fits the venue limit of 36 characters from [A-Za-z0-9-] and starts with the bot id', () => {
    const id = deriveClientOrderId('abcdefghij', derivePlanId('abcdefghij', 'ETH/BTC', '1m', 1516423980000, 'ema'), 'exit', 999);
    expect(id.length).toBeLessThanOrEqual(36);
    expect(id).toMatch(/^abcdefghij-[A-Za-z0-9]{1,14}-x999$/);
    expect(isOwnClientOrderId('abcdefghij', id)).toBe(true);
    expect(isOwnClientOrderId('abcdefghi', id)).toBe(false);
  });

  it('refuses a bot id that could not prefix a client order id', () => {
    expect(() => deriveClientOrderId('Bot_1', 'p', 'entry', 0)).toThrow('botId: "Bot_1" must be 1-10 lowercase letters or digits');
  });
});

describe('Function: derivePlanId', () => {
  it('names a plan by the candle that produced it, so a redelivery proposes the same plan', () => {
    expect(derivePlanId('bot1', 'ETH/BTC', '1m', 60_000, 'ema')).toBe(derivePlanId('bot1', 'ETH/BTC', '1m', 60_000, 'ema'));
    expect(derivePlanId('bot1', 'ETH/BTC', '1m', 60_000, 'ema')).not.toBe(derivePlanId('bot1', 'ETH/BTC', '1m', 120_000, 'ema'));
  });
});
