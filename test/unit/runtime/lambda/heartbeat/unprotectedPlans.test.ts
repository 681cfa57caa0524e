import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../../lib/domain/clientOrderId.js';
import { type ProtectionContext, isUnprotected } from '../../../../../lib/runtime/lambda/heartbeat/unprotectedPlans.js';
import { aPlan } from '../../../../support/planFixture.js';

const watched: ProtectionContext = { botStatus: 'ACTIVE', killSwitch: 'RUN', freshSeries: new Set(['ETH/BTC#1m']), venueOpenIds: new Set() };

describe('Function: isUnprotected', () => {
  it('counts an open plan with a stop level on a fresh series as protected by the bot-managed stop', () => {
    expect(isUnprotected(aPlan(), watched)).toBe(false);
  });

  it('flags a position whose series has gone stale: nobody checks its stop', () => {
    expect(isUnprotected(aPlan(), { ...watched, freshSeries: new Set() })).toBe(true);
  });

  it.each([
    ['the kill switch is HALT', { killSwitch: 'HALT' as const }],
    ['the bot is HALTED', { botStatus: 'HALTED' as const }],
  ])('flags a position while %s: no exit would be sent', (_label, change) => {
    expect(isUnprotected(aPlan(), { ...watched, ...change })).toBe(true);
  });

  it('flags a position whose stop the venue refused (bot-managed as a fallback) though its series is watched, until a stop of its own rests again', () => {
    const refused = aPlan({ exitAttempt: 1, botManagedStop: 'the venue refused the stop: Too many new orders (MAX_NUM_ALGO_ORDERS)' });
    expect(isUnprotected(refused, watched)).toBe(true);
    expect(isUnprotected(refused, { ...watched, venueOpenIds: undefined })).toBe(true);
    expect(isUnprotected(refused, { ...watched, venueOpenIds: new Set([deriveClientOrderId(refused.botId, refused.id, 'stop', 1)]) })).toBe(false);
  });

  it("flags a position the venue's limit of resting stops kept bot-managed, until its stop rests and the cause is cleared", () => {
    const waiting = aPlan({ botManagedStop: "5 stops already rest on ETH/BTC, the venue's limit", botManagedCause: { kind: 'stop_limit', resting: 5, limit: 5 } });
    expect(isUnprotected(waiting, watched)).toBe(true);
    const rested = aPlan({ restingStop: { attempt: 0, stopPrice: '0.095', amount: '1', placedAt: 0 } });
    expect(isUnprotected(rested, { ...watched, venueOpenIds: new Set([deriveClientOrderId(rested.botId, rested.id, 'stop', 0)]) })).toBe(false);
  });

  it('does not flag a position below the smallest order the market takes while its stop is checked: no stop can rest for it, nothing would clear the alarm', () => {
    const dust = aPlan({ filledAmount: '0.0015', botManagedStop: "holds 0.0015, under the market's minimum order 0.002", botManagedCause: { kind: 'below_minimum', held: '0.0015', minAmount: '0.002' } });
    expect(isUnprotected(dust, watched)).toBe(false);
    // Unchecked (its series stale), it counts as any position nothing watches.
    expect(isUnprotected(dust, { ...watched, freshSeries: new Set() })).toBe(true);
  });

  it('counts a resting stop order of the plan on the venue as protection, whatever else', () => {
    const plan = aPlan({ exitAttempt: 1 });
    const stop = deriveClientOrderId(plan.botId, plan.id, 'stop', 0);
    expect(isUnprotected(plan, { ...watched, killSwitch: 'HALT', freshSeries: new Set(), venueOpenIds: new Set([stop]) })).toBe(false);
  });

  it('counts an exiting plan whose exit order is open on the venue as being closed', () => {
    const plan = aPlan({ status: 'exiting', exitReason: 'target' });
    const exit = deriveClientOrderId(plan.botId, plan.id, 'exit', 0);
    expect(isUnprotected(plan, { ...watched, freshSeries: new Set(), venueOpenIds: new Set([exit]) })).toBe(false);
    expect(isUnprotected(plan, { ...watched, freshSeries: new Set(), venueOpenIds: new Set() })).toBe(true);
  });

  it('never flags a plan that holds nothing', () => {
    expect(isUnprotected(aPlan({ status: 'entering', filledAmount: undefined }), { ...watched, freshSeries: new Set() })).toBe(false);
    expect(isUnprotected(aPlan({ filledAmount: '0' }), { ...watched, freshSeries: new Set() })).toBe(false);
  });

  it('judges by the bot-managed stop alone when the venue could not be read', () => {
    const noVenue: ProtectionContext = { botStatus: 'ACTIVE', killSwitch: 'RUN', freshSeries: watched.freshSeries };
    expect(isUnprotected(aPlan(), noVenue)).toBe(false);
    expect(isUnprotected(aPlan(), { ...noVenue, freshSeries: new Set() })).toBe(true);
  });
});
