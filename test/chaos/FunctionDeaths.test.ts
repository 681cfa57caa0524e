import { describe, expect, it } from 'vitest';
import { ExecutionEnvironmentDied } from '../../lib/local/runtime/ExecutionEnvironmentDied.js';
import { FunctionDeaths } from './FunctionDeaths.js';
import { FaultCounter } from './FaultCounter.js';
import { DEATH_POINTS, type DeathPoint, type DyingFunction } from './scenario.js';

const DECIDE_DEATH_POINTS: readonly DeathPoint[] = DEATH_POINTS.decide;
const always = (probability: number): Record<DyingFunction, number> => ({ decide: probability, capture: probability, heartbeat: probability, reconcile: probability });

function deaths(probability: number, active = true, seed = 1) {
  const counter = new FaultCounter();
  return { deaths: new FunctionDeaths(always(probability), seed, counter, () => active), counter };
}

/** Passes every boundary in order, swallowing what each throws; what it saw, step by step. */
function passEveryBoundary(subject: FunctionDeaths, points: readonly DeathPoint[] = DECIDE_DEATH_POINTS): string[] {
  const steps: string[] = [];
  for (const point of points) {
    try {
      subject.reach(point);
      steps.push(`${point} passed`);
    } catch (error) {
      steps.push(`${point} ${error instanceof ExecutionEnvironmentDied ? `died (${error.where})` : 'failed'}`);
    }
  }
  return steps;
}

describe('Class: FunctionDeaths', () => {
  it('kills an armed decide at its point, though the function swallows the error, and every later call fails', async () => {
    const { deaths: subject, counter } = deaths(1);
    let steps: string[] = [];
    const afterwards: unknown[] = [];
    const invocation = subject.hook('decide', () => {
      steps = passEveryBoundary(subject);
      for (let i = 0; i < 2; i++) {
        try {
          subject.assertAlive();
          afterwards.push('alive');
        } catch (error) {
          afterwards.push(error);
        }
      }
      return Promise.resolve('the function thinks it succeeded');
    });

    const died = await invocation.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(died).toBeInstanceOf(ExecutionEnvironmentDied);
    const where = (died as ExecutionEnvironmentDied).where;
    expect(DECIDE_DEATH_POINTS).toContain(where);
    expect((died as ExecutionEnvironmentDied).message).toBe(`decide died ${where}`);

    const at = DECIDE_DEATH_POINTS.indexOf(where as DeathPoint);
    expect(steps).toEqual(DECIDE_DEATH_POINTS.map((point, index) => `${point} ${index < at ? 'passed' : `died (${where})`}`));
    expect(afterwards).toHaveLength(2);
    for (const error of afterwards) expect(error).toMatchObject({ name: 'ExecutionEnvironmentDied', where });
    expect(counter.byKind()).toEqual({ [`decide died ${where}`]: 1 });
  });

  it('starts the next invocation alive', async () => {
    const { deaths: subject, counter } = deaths(1);
    await expect(subject.hook('decide', () => Promise.resolve(passEveryBoundary(subject)))).rejects.toBeInstanceOf(ExecutionEnvironmentDied);

    const next = subject.hook('decide', () => {
      subject.assertAlive();
      return Promise.resolve('decided');
    });
    await expect(next).resolves.toBe('decided');
    expect(counter.total).toBe(1);
  });

  it('dies at a point reached after an await, and nothing after it runs', async () => {
    const { deaths: subject, counter } = deaths(1, true, 5);
    const passed: string[] = [];
    const invocation = subject.hook('decide', async () => {
      for (const point of DECIDE_DEATH_POINTS) {
        await Promise.resolve();
        subject.reach(point);
        passed.push(point);
      }
    });
    await expect(invocation).rejects.toBeInstanceOf(ExecutionEnvironmentDied);
    const [died] = Object.keys(counter.byKind());
    expect(died).toBe(`decide died ${DECIDE_DEATH_POINTS[passed.length]}`);
  });

  it('draws a death at each boundary reached, so a point reached often dies often and one never reached never dies', async () => {
    const { deaths: subject, counter } = deaths(0.2, true, 7);
    // As a decide that records a hold reaches only the telemetry write, and one that trades all five.
    for (let i = 0; i < 400; i++) {
      const trades = i % 4 === 0;
      await subject.hook('decide', () => Promise.resolve(passEveryBoundary(subject, trades ? DECIDE_DEATH_POINTS : ['beforeTelemetryWrite']))).catch(() => undefined);
    }
    const byKind = counter.byKind();
    for (const point of DECIDE_DEATH_POINTS) expect(byKind[`decide died ${point}`], point).toBeGreaterThan(0);
    // 300 holds and 100 trades reach beforeTelemetryWrite (about 70 deaths); only a trade that passed the four before reaches afterLedgerWrite (about 8).
    expect(byKind['decide died beforeTelemetryWrite']).toBeGreaterThan(40);
    expect(byKind['decide died afterLedgerWrite']).toBeLessThan(25);
    expect(counter.total).toBeLessThan(200);
  });

  it('never arms maintenance', async () => {
    const { deaths: subject, counter } = deaths(1);
    await expect(subject.hook('maintenance', () => Promise.resolve(passEveryBoundary(subject)))).resolves.toEqual(DECIDE_DEATH_POINTS.map((point) => `${point} passed`));
    expect(counter.total).toBe(0);
  });

  it.each([
    ['capture', 'afterCandlesStored'],
    ['reconcile', 'afterOrderSent'],
  ] as const)('kills %s at its one point, %s, and no other', async (fn, point) => {
    const { deaths: subject, counter } = deaths(1);
    const others = DECIDE_DEATH_POINTS.filter((p) => p !== point);
    let passed: string[] = [];
    const dying = subject.hook(fn, () => {
      passed = passEveryBoundary(subject, [...others, point]);
      return Promise.resolve();
    });
    await expect(dying).rejects.toMatchObject({ name: 'ExecutionEnvironmentDied', fn, where: point });
    expect(passed).toEqual([...others.map((p) => `${p} passed`), `${point} died (${point})`]);
    expect(counter.byKind()).toEqual({ [`${fn} died ${point}`]: 1 });
  });

  it('kills heartbeat only at the points of FLATTEN', async () => {
    const { deaths: subject, counter } = deaths(1);
    const dying = subject.hook('heartbeat', () => Promise.resolve(passEveryBoundary(subject)));
    const died = (await dying.catch((error: unknown) => error)) as { where: string };
    expect(DEATH_POINTS.heartbeat).toContain(died.where);
    expect(Object.keys(counter.byKind())).toEqual([`heartbeat died ${died.where}`]);
  });

  it('keeps the deaths of invocations that overlap apart', async () => {
    const { deaths: subject, counter } = deaths(1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const dying = subject.hook('reconcile', async () => {
      await gate;
      subject.reach('afterOrderSent');
    });
    const alive = subject.hook('reconcile', async () => {
      await gate;
      await Promise.resolve();
      subject.assertAlive();
      seen.push('the other branch is alive');
    });
    release();
    const [first, second] = await Promise.allSettled([dying, alive]);
    expect(first.status).toBe('rejected');
    // At probability 1 too, the second never reached its point: it ends as it ran.
    expect(second.status).toBe('fulfilled');
    expect(seen).toEqual(['the other branch is alive']);
    expect(counter.byKind()).toEqual({ 'reconcile died afterOrderSent': 1 });
  });

  it.each([
    ['inactive', deaths(1, false)],
    ['with probability zero', deaths(0)],
  ])('never arms decide when %s', async (_what, { deaths: subject, counter }) => {
    for (let i = 0; i < 20; i++) {
      await expect(subject.hook('decide', () => Promise.resolve(passEveryBoundary(subject)))).resolves.toEqual(DECIDE_DEATH_POINTS.map((point) => `${point} passed`));
    }
    expect(counter.total).toBe(0);
  });

  it('passes a failure of the function itself through unchanged', async () => {
    const { deaths: subject, counter } = deaths(0);
    const failure = new Error('the venue said no');
    await expect(subject.hook('decide', () => Promise.reject(failure))).rejects.toBe(failure);
    expect(counter.total).toBe(0);
  });

  it('reports a death over the error the dying function threw', async () => {
    const { deaths: subject } = deaths(1);
    const dying = subject.hook('decide', () => {
      passEveryBoundary(subject);
      return Promise.reject(new Error('a later call failed'));
    });
    await expect(dying).rejects.toBeInstanceOf(ExecutionEnvironmentDied);
  });

  it('is invoking only inside an invocation, however it ends', async () => {
    const { deaths: subject } = deaths(1);
    const seen: boolean[] = [subject.invoking];
    await subject.hook('capture', () => Promise.resolve(seen.push(subject.invoking)));
    seen.push(subject.invoking);
    const dying = subject.hook('decide', () => {
      seen.push(subject.invoking);
      return Promise.resolve(passEveryBoundary(subject));
    });
    await expect(dying).rejects.toBeInstanceOf(ExecutionEnvironmentDied);
    seen.push(subject.invoking);
    await subject.hook('heartbeat', () => Promise.reject(new Error('failed'))).catch(() => undefined);
    seen.push(subject.invoking);
    expect(seen).toEqual([false, true, false, true, false, false]);
  });

  it('reaching a point outside any invocation does nothing', () => {
    const { deaths: subject, counter } = deaths(1);
    expect(passEveryBoundary(subject)).toEqual(DECIDE_DEATH_POINTS.map((point) => `${point} passed`));
    expect(() => subject.assertAlive()).not.toThrow();
    expect(counter.total).toBe(0);
  });
});
