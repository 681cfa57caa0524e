import { Choice, Condition, Errors, Fail, type IChainable, JsonPath, Map as MapState, Parallel, Succeed } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { MAX_REPAIR_ROUNDS, RECONCILE_PATHS, type ReconcileStep } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import type { ReconcileFunctions } from './ReconcileFunctions.js';
import { type ReconcileTaskOptions, reconcileTask } from './reconcileTask.js';

/** Error names the execution fails with: a halted bot, or a lock that could not be taken. */
export const RECONCILE_FAILURES = { halted: 'ReconciliationHalted', lockFailed: 'ReconciliationLockFailed' } as const;

/**
 * The reconciliation's states and transitions, exactly as lib/runtime/lambda/reconcile/
 * reconcileSteps.ts describes them (payloads, result paths, choice rules); see its diagram.
 * Every failure after Lock goes to Halt with the error at $.error: a bot whose ledger may
 * disagree with the exchange must not trade.
 */
export function reconcileDefinition(scope: Construct, steps: ReconcileFunctions): IChainable {
  const task = (step: ReconcileStep, options?: ReconcileTaskOptions) => reconcileTask(scope, step, steps.functions[step], steps.timeouts[step], options);
  const lockId = JsonPath.stringAt(RECONCILE_PATHS.lockId);
  const toHalt = { errors: [Errors.ALL], resultPath: RECONCILE_PATHS.error };

  const halt = task('halt', { resultPath: '$.halt' });
  halt.next(new Fail(scope, 'Halted', { error: RECONCILE_FAILURES.halted, cause: 'Reconciliation could not make the ledger agree with the exchange: the bot is HALTED' }));

  const unlock = task('unlock', { payload: { lockId }, resultPath: '$.unlock' });
  unlock.addCatch(halt, toHalt).next(new Succeed(scope, 'Reconciled'));

  const verify = task('verify', { payload: { lockId, round: JsonPath.numberAt(RECONCILE_PATHS.round) }, resultPath: RECONCILE_PATHS.diff });
  verify.addCatch(halt, toHalt);

  const applyRepairs = new MapState(scope, 'ApplyRepairs', {
    itemsPath: RECONCILE_PATHS.repairs,
    maxConcurrency: 1,
    itemSelector: { lockId, repair: JsonPath.objectAt('$$.Map.Item.Value') },
    resultPath: JsonPath.DISCARD,
  });
  applyRepairs.itemProcessor(task('applyRepair', { idempotent: true })).addCatch(halt, toHalt).next(verify);

  const repairChoice = new Choice(scope, 'Repair?')
    .when(Condition.isPresent(RECONCILE_PATHS.halt), halt)
    .when(Condition.booleanEquals(RECONCILE_PATHS.needsRepair, false), unlock)
    .when(Condition.numberGreaterThanEquals(RECONCILE_PATHS.round, MAX_REPAIR_ROUNDS), halt)
    .otherwise(applyRepairs);
  verify.next(repairChoice);

  const diff = task('diff', {
    payload: {
      lockId,
      round: 1,
      exchange: JsonPath.objectAt(`${RECONCILE_PATHS.snapshots}.exchange`),
      ledger: JsonPath.objectAt(`${RECONCILE_PATHS.snapshots}.ledger`),
    },
    resultPath: RECONCILE_PATHS.diff,
  });
  diff.addCatch(halt, toHalt).next(repairChoice);

  const snapshots = new Parallel(scope, 'Snapshots', {
    resultSelector: { exchange: JsonPath.objectAt('$[0]'), ledger: JsonPath.objectAt('$[1]') },
    resultPath: RECONCILE_PATHS.snapshots,
  });
  snapshots
    .branch(task('exchangeSnapshot', { payload: { lockId } }))
    .branch(task('ledgerSnapshot', { payload: { lockId } }))
    .addCatch(halt, toHalt)
    .next(diff);

  const lock = task('lock', {
    payload: { lockId: JsonPath.stringAt('$$.Execution.Name'), input: JsonPath.objectAt('$$.Execution.Input') },
    resultPath: RECONCILE_PATHS.lockResult,
  });
  lock.addCatch(new Fail(scope, 'LockFailed', { error: RECONCILE_FAILURES.lockFailed, cause: 'The Lock step failed: see its error in the execution history' }));
  return lock.next(
    new Choice(scope, 'Locked?').when(Condition.booleanEquals(RECONCILE_PATHS.locked, true), snapshots).otherwise(new Succeed(scope, 'NotLocked')),
  );
}
