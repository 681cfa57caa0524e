import { AsyncLocalStorage } from 'node:async_hooks';
import { mulberry32 } from '../../lib/domain/mulberry32.js';
import { ExecutionEnvironmentDied } from '../../lib/local/runtime/ExecutionEnvironmentDied.js';
import type { InvocationHook, LocalFunctionName } from '../../lib/local/runtime/LocalFunctions.js';
import type { FaultCounter } from './FaultCounter.js';
import { DEATH_POINTS, type DeathPoint, type DyingFunction } from './scenario.js';

interface Invocation {
  readonly fn: LocalFunctionName;
  diedAt: DeathPoint | undefined;
}

/**
 * Kills a function's execution environment at a step boundary. The fault points (the DynamoDB
 * middleware, the exchange client) call `reach` as they pass a boundary; each time a function
 * in DEATH_POINTS reaches one of its points, its environment dies there with the scenario's
 * probability for that function. Drawn per boundary reached, not per invocation: most decide
 * invocations write nothing (a hold), and a death armed up front for a point the invocation
 * never reaches would be a death that never happens. From the death on, every call the invocation makes fails (`assertAlive`),
 * as nothing runs in a dead process, and the invocation ends as ExecutionEnvironmentDied:
 * Lambda reports it failed (a batch, a step Step Functions may retry), and the next invocation
 * starts cold. Each invocation keeps its own state in an async context, so invocations that
 * overlap (the Parallel branches of reconciliation) do not see each other's deaths.
 */
export class FunctionDeaths {
  private readonly random: () => number;
  private readonly invocations = new AsyncLocalStorage<Invocation>();

  constructor(
    private readonly probability: Readonly<Record<DyingFunction, number>>,
    seed: number,
    private readonly counter: FaultCounter,
    private readonly active: () => boolean,
  ) {
    this.random = mulberry32(seed);
  }

  readonly hook: InvocationHook = async (fn, invoke) => {
    const invocation: Invocation = { fn, diedAt: undefined };
    let result: unknown;
    let failure: { error: unknown } | undefined;
    try {
      result = await this.invocations.run(invocation, invoke);
    } catch (error) {
      failure = { error };
    }
    const { diedAt } = invocation;
    if (diedAt !== undefined) {
      this.counter.add(`${fn} died ${diedAt}`);
      throw new ExecutionEnvironmentDied(fn, diedAt);
    }
    if (failure) throw failure.error;
    return result;
  };

  /** Whether a function is being invoked (faults hit the functions only, not the harness's own reads). */
  get invoking(): boolean {
    return this.invocations.getStore() !== undefined;
  }

  /** The function being invoked here, if any. */
  get fn(): LocalFunctionName | undefined {
    return this.invocations.getStore()?.fn;
  }

  /** A boundary passed: the environment may die here, if it is one of the function's points. */
  reach(point: DeathPoint): void {
    this.assertAlive();
    const invocation = this.invocations.getStore();
    if (invocation !== undefined && this.diesAt(invocation.fn, point)) invocation.diedAt = point;
    this.assertAlive();
  }

  assertAlive(): void {
    const invocation = this.invocations.getStore();
    if (invocation?.diedAt !== undefined) throw new ExecutionEnvironmentDied(invocation.fn, invocation.diedAt);
  }

  private diesAt(fn: LocalFunctionName, point: DeathPoint): boolean {
    if (!(fn in DEATH_POINTS) || !this.active()) return false;
    const points: readonly DeathPoint[] = DEATH_POINTS[fn as DyingFunction];
    return points.includes(point) && this.random() < this.probability[fn as DyingFunction];
  }
}
