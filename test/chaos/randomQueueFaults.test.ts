import { describe, expect, it } from 'vitest';
import type { QueueFaults } from '../../lib/local/queue/QueueFaults.js';
import { FaultCounter } from './FaultCounter.js';
import { randomQueueFaults } from './randomQueueFaults.js';
import type { ChaosScenario } from './scenario.js';

const MAX_LATE_MS = 600_000;
const settings = (probability: number): ChaosScenario['queue'] => ({ lateProbability: probability, maxLateMs: MAX_LATE_MS, lostDeleteProbability: probability, duplicateProbability: probability });

/** Asks each fault `times` times, in turn. */
function draw(faults: QueueFaults, times: number): (number | boolean)[] {
  const answers: (number | boolean)[] = [];
  for (let i = 0; i < times; i++) answers.push(faults.delayOnSend('BTC'), faults.loseDelete('BTC'), faults.deliverAgain('BTC'));
  return answers;
}

describe('Function: randomQueueFaults', () => {
  it('never injects a fault while inactive, whatever the probabilities', () => {
    const counter = new FaultCounter();
    const answers = draw(randomQueueFaults(settings(1), 7, counter, () => false), 50);
    expect(new Set(answers)).toEqual(new Set([0, false]));
    expect(counter.total).toBe(0);
  });

  it('never injects a fault with probabilities of zero', () => {
    const counter = new FaultCounter();
    expect(new Set(draw(randomQueueFaults(settings(0), 7, counter, () => true), 50))).toEqual(new Set([0, false]));
    expect(counter.total).toBe(0);
  });

  it('injects every fault with probabilities of one, counting each by kind', () => {
    const counter = new FaultCounter();
    const faults = randomQueueFaults(settings(1), 7, counter, () => true);
    const delays = Array.from({ length: 20 }, () => faults.delayOnSend('BTC'));
    for (const delay of delays) {
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(MAX_LATE_MS);
    }
    expect(faults.loseDelete('BTC')).toBe(true);
    expect(faults.deliverAgain('ETH')).toBe(true);
    expect(faults.deliverAgain('ETH')).toBe(true);
    expect(counter.byKind()).toEqual({ 'queue duplicate': 2, 'queue late': 20, 'queue lostDelete': 1 });
  });

  it('gives the same faults for the same seed, other faults for another', () => {
    const run = (seed: number) => draw(randomQueueFaults(settings(0.5), seed, new FaultCounter(), () => true), 40);
    const first = run(42);
    expect(run(42)).toEqual(first);
    expect(run(43)).not.toEqual(first);
    // At one half, some of each answer.
    expect(first.filter((answer) => answer === true).length).toBeGreaterThan(0);
    expect(first.filter((answer) => answer === false).length).toBeGreaterThan(0);
  });

  it('counts exactly the faults it injected', () => {
    const counter = new FaultCounter();
    const faults = randomQueueFaults(settings(0.3), 11, counter, () => true);
    let late = 0;
    let lost = 0;
    let repeated = 0;
    for (let i = 0; i < 200; i++) {
      if (faults.delayOnSend('BTC') > 0) late += 1;
      if (faults.loseDelete('BTC')) lost += 1;
      if (faults.deliverAgain('BTC')) repeated += 1;
    }
    expect(late).toBeGreaterThan(0);
    expect(counter.byKind()).toEqual({ 'queue duplicate': repeated, 'queue late': late, 'queue lostDelete': lost });
    expect(counter.total).toBe(late + lost + repeated);
  });

  it('follows active() at each call', () => {
    let active = false;
    const counter = new FaultCounter();
    const faults = randomQueueFaults(settings(1), 1, counter, () => active);
    expect(faults.loseDelete('BTC')).toBe(false);
    active = true;
    expect(faults.loseDelete('BTC')).toBe(true);
    active = false;
    expect(faults.deliverAgain('BTC')).toBe(false);
    expect(counter.byKind()).toEqual({ 'queue lostDelete': 1 });
  });
});
