import { mulberry32 } from '../../lib/local/exchange-sim/mulberry32.js';
import { ExecutionEnvironmentDied } from '../../lib/local/runtime/ExecutionEnvironmentDied.js';
import type { InvocationHook, LocalFunctionName } from '../../lib/local/runtime/LocalFunctions.js';
import type { FaultCounter } from './FaultCounter.js';
import { DECIDE_DEATH_POINTS, type DecideDeathPoint } from './scenario.js';

/**
 * Kills decide's execution environment at a step boundary. Each decide invocation is armed,
 * with the scenario's probability, for one of DECIDE_DEATH_POINTS; the fault points (the
 * DynamoDB middleware, the exchange client) call `reach` as they pass a boundary. From the
 * death on, every call the invocation makes fails (`assertAlive`), as nothing runs in a dead
 * process, and the invocation ends as ExecutionEnvironmentDied: Lambda reports the batch
 * failed, and the next invocation starts cold.
 */
export class DecideDeaths {
  private readonly random: () => number;
  private current: LocalFunctionName | undefined;
  private armed: DecideDeathPoint | undefined;
  private diedAt: DecideDeathPoint | undefined;

  constructor(
    private readonly probability: number,
    seed: number,
    private readonly counter: FaultCounter,
    private readonly active: () => boolean,
  ) {
    this.random = mulberry32(seed);
  }

  readonly hook: InvocationHook = async (fn, invoke) => {
    this.current = fn;
    this.armed = fn === 'decide' && this.active() && this.random() < this.probability ? DECIDE_DEATH_POINTS[Math.floor(this.random() * DECIDE_DEATH_POINTS.length)] : undefined;
    let result: unknown;
    let failure: { error: unknown } | undefined;
    try {
      result = await invoke();
    } catch (error) {
      failure = { error };
    } finally {
      this.current = undefined;
      this.armed = undefined;
    }
    const diedAt = this.diedAt;
    this.diedAt = undefined;
    if (diedAt !== undefined) {
      this.counter.add(`decide died ${diedAt}`);
      throw new ExecutionEnvironmentDied('decide', diedAt);
    }
    if (failure) throw failure.error;
    return result;
  };

  /** Whether a function is being invoked (faults hit the functions only, not the harness's own reads). */
  get invoking(): boolean {
    return this.current !== undefined;
  }

  /** A boundary passed: the environment dies here when armed for it. */
  reach(point: DecideDeathPoint): void {
    if (this.armed === point) {
      this.diedAt = point;
      this.armed = undefined;
    }
    this.assertAlive();
  }

  assertAlive(): void {
    if (this.diedAt !== undefined) throw new ExecutionEnvironmentDied('decide', this.diedAt);
  }
}
