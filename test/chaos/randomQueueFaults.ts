import { mulberry32 } from '../../lib/domain/mulberry32.js';
import type { QueueFaults } from '../../lib/local/queue/QueueFaults.js';
import type { FaultCounter } from './FaultCounter.js';
import type { ChaosScenario } from './scenario.js';

/** The scenario's queue faults, seeded, counted, and on only while `active()`. */
export function randomQueueFaults(settings: ChaosScenario['queue'], seed: number, counter: FaultCounter, active: () => boolean): QueueFaults {
  const random = mulberry32(seed);
  const happens = (probability: number, kind: string) => {
    if (!active() || random() >= probability) return false;
    counter.add(`queue ${kind}`);
    return true;
  };
  return {
    delayOnSend: () => (happens(settings.lateProbability, 'late') ? Math.ceil(random() * settings.maxLateMs) : 0),
    loseDelete: () => happens(settings.lostDeleteProbability, 'lostDelete'),
    deliverAgain: () => happens(settings.duplicateProbability, 'duplicate'),
  };
}
