import { type StateMachineDefinition, StateMachine } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPAIR_ROUNDS, RECONCILE_STATE_NAMES } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { reconcileDefinition } from '../support/reconcileDefinition.js';

type Json = Parameters<StateMachine['run']>[0];
type TaskName = 'Lock' | 'ExchangeSnapshot' | 'LedgerSnapshot' | 'Diff' | 'ApplyRepair' | 'Verify' | 'Unlock' | 'Halt';
type Stub = (input: Record<string, Json>) => Json;

const EXECUTION = 'testbot-deploy-0123abcd';
const INPUT = { reason: 'deploy' };
const clean = (round: number) => ({ needsRepair: false, round, repairs: [] });
const repairs = (round: number, ...items: string[]) => ({ needsRepair: true, round, repairs: items.map((id) => ({ kind: 'cancelOrder', id })) });

/** Every step does its happy-path thing unless a test says otherwise. */
const HAPPY: Readonly<Record<TaskName, Stub>> = {
  Lock: ({ lockId }) => ({ locked: true, lockId: lockId! }),
  ExchangeSnapshot: () => ({ source: 'exchange' }),
  LedgerSnapshot: () => ({ source: 'ledger' }),
  Diff: () => clean(1),
  ApplyRepair: () => ({ applied: true }),
  Verify: ({ round }) => clean((round as number) + 1),
  Unlock: () => ({ unlocked: true }),
  Halt: () => ({ halted: true }),
};

const TASKS = Object.keys(HAPPY) as TaskName[];
let definition: StateMachineDefinition;

beforeAll(async () => {
  definition = await reconcileDefinition();
});

/** Runs the synthesized ASL with each Task bound to a stub; returns the calls, the states entered and how it ended. */
async function reconcile(stubs: Partial<Record<TaskName, Stub>> = {}) {
  const calls: { state: TaskName; input: Record<string, Json> }[] = [];
  const handlers = Object.fromEntries(
    TASKS.map((state) => [
      state,
      (input: Json) => {
        calls.push({ state, input: input as Record<string, Json> });
        return (stubs[state] ?? HAPPY[state])(input as Record<string, Json>);
      },
    ]),
  );
  const execution = new StateMachine(definition).run(INPUT, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: Object.fromEntries(TASKS.map((state) => [state, 0])) },
    context: { Execution: { Name: EXECUTION, Input: INPUT } },
  });
  const entered: string[] = [];
  let failure: { Error: string; Cause: unknown } | undefined;
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered') entered.push(event.state.name);
    if (event.type === 'ExecutionFailed') failure = { Error: event.Error, Cause: event.Cause };
  }
  const [outcome] = await Promise.allSettled([execution.result]);
  const order = calls.map((call) => call.state);
  const inputsOf = (state: TaskName) => calls.filter((call) => call.state === state).map((call) => call.input);
  /** The error Halt received at $.error, if any. */
  const haltError = () => inputsOf('Halt')[0]?.error as { Error?: string; Cause?: string } | undefined;
  return { calls, order, entered, last: entered.at(-1), outcome, failure, inputsOf, haltError };
}

describe('Flow: the synthesized reconciliation state machine', () => {
  it('binds a stub to every Task the contract names', () => {
    expect([...TASKS].sort()).toEqual(Object.values(RECONCILE_STATE_NAMES).sort());
  });

  it('ends in NotLocked, running nothing after Lock, when the bot cannot be locked', async () => {
    const run = await reconcile({ Lock: () => ({ locked: false, lockId: EXECUTION, reason: 'HALTED' }) });

    expect(run.order).toEqual(['Lock']);
    expect(run.last).toBe('NotLocked');
    expect(run.outcome.status).toBe('fulfilled');
  });

  it('locks under the execution name with the execution input, snapshots both sides and diffs them', async () => {
    const run = await reconcile();

    expect(run.inputsOf('Lock')).toEqual([{ lockId: EXECUTION, input: INPUT }]);
    expect(run.inputsOf('ExchangeSnapshot')).toEqual([{ lockId: EXECUTION }]);
    expect(run.inputsOf('LedgerSnapshot')).toEqual([{ lockId: EXECUTION }]);
    expect(run.inputsOf('Diff')).toEqual([{ lockId: EXECUTION, round: 1, exchange: { source: 'exchange' }, ledger: { source: 'ledger' } }]);
  });

  it('unlocks and ends Reconciled when the diff is clean', async () => {
    const run = await reconcile();

    expect(run.order.slice(-2)).toEqual(['Diff', 'Unlock']);
    expect(run.inputsOf('Unlock')).toEqual([{ lockId: EXECUTION }]);
    expect(run.last).toBe('Reconciled');
    expect(run.outcome.status).toBe('fulfilled');
  });

  it('applies each repair once, in order, with the lock id, then verifies and unlocks', async () => {
    const run = await reconcile({ Diff: () => repairs(1, 'a', 'b') });

    expect(run.order.slice(3)).toEqual(['Diff', 'ApplyRepair', 'ApplyRepair', 'Verify', 'Unlock']);
    expect(run.inputsOf('ApplyRepair')).toEqual([
      { lockId: EXECUTION, repair: { kind: 'cancelOrder', id: 'a' } },
      { lockId: EXECUTION, repair: { kind: 'cancelOrder', id: 'b' } },
    ]);
    expect(run.inputsOf('Verify')).toEqual([{ lockId: EXECUTION, round: 1 }]);
    expect(run.last).toBe('Reconciled');
  });

  it('halts, and the execution fails, when the diff says to halt', async () => {
    const run = await reconcile({ Diff: () => ({ ...repairs(1, 'a'), halt: { reason: 'exchange cannot report balances' } }) });

    expect(run.order.slice(3)).toEqual(['Diff', 'Halt']);
    expect(run.inputsOf('Halt')[0]).toMatchObject({ lock: { locked: true, lockId: EXECUTION }, diff: { halt: { reason: 'exchange cannot report balances' } } });
    expect(run.last).toBe('Halted');
    expect(run.outcome.status).toBe('rejected');
    expect(run.failure?.Error).toBe('ReconciliationHalted');
  });

  it('halts with the error at $.error when a snapshot fails', async () => {
    const run = await reconcile({
      ExchangeSnapshot: () => {
        throw new Error('exchange unreachable');
      },
    });

    expect(run.order).not.toContain('Diff');
    expect(run.order.at(-1)).toBe('Halt');
    expect(run.inputsOf('Halt')[0]).toMatchObject({ lock: { lockId: EXECUTION } });
    expect(run.haltError()?.Error).toEqual(expect.any(String));
    expect(run.haltError()?.Cause).toContain('exchange unreachable');
    expect(run.failure?.Error).toBe('ReconciliationHalted');
  });

  it(`halts after ${MAX_REPAIR_ROUNDS} rounds when Verify never comes back clean`, async () => {
    const run = await reconcile({ Diff: () => repairs(1, 'a'), Verify: ({ round }) => repairs((round as number) + 1, 'a') });

    expect(run.order.slice(3)).toEqual(['Diff', 'ApplyRepair', 'Verify', 'ApplyRepair', 'Verify', 'Halt']);
    expect(run.inputsOf('Verify')).toEqual([
      { lockId: EXECUTION, round: 1 },
      { lockId: EXECUTION, round: 2 },
    ]);
    expect(run.inputsOf('Halt')[0]).toMatchObject({ diff: { round: MAX_REPAIR_ROUNDS, needsRepair: true } });
    expect(run.failure?.Error).toBe('ReconciliationHalted');
  });

  it('retries a failing repair twice, then halts', async () => {
    const run = await reconcile({
      Diff: () => repairs(1, 'a'),
      ApplyRepair: () => {
        throw new Error('venue timeout');
      },
    });

    expect(run.order.filter((state) => state === 'ApplyRepair')).toHaveLength(3);
    expect(run.order.at(-1)).toBe('Halt');
    expect(run.haltError()?.Cause).toContain('venue timeout');
  });

  it('ends in LockFailed, running nothing else, when Lock fails', async () => {
    const run = await reconcile({
      Lock: () => {
        throw new Error('ConditionalCheckFailed');
      },
    });

    expect(run.order).toEqual(['Lock']);
    expect(run.last).toBe('LockFailed');
    expect(run.failure?.Error).toBe('ReconciliationLockFailed');
  });
});
