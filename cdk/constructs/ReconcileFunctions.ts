import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { RECONCILE_STEPS, type ReconcileStep } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { APPEND, APPEND_AND_REMOVE, READ, grantTables } from './grantTableAccess.js';
import { grantVenueHold } from './grantVenueHold.js';
import { TraderFunction } from './TraderFunction.js';
import { type TraderFunctionResources, traderFunctionEnvironment } from './traderFunctionEnvironment.js';

export interface ReconcileFunctionsProps extends TraderFunctionResources {
  /** The handler file of each step, e.g. `functions/reconcile/lock.ts`. */
  readonly entries: Readonly<Record<ReconcileStep, string>>;
}

interface StepSettings {
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly description: string;
}

// The steps that call the exchange load ccxt and wait on it.
const atTheExchange = (description: string): StepSettings => ({ timeout: Duration.seconds(60), memorySize: 512, description });
const inTheLedger = (description: string): StepSettings => ({ timeout: Duration.seconds(15), memorySize: 256, description });

const STEP_SETTINGS: Readonly<Record<ReconcileStep, StepSettings>> = {
  lock: inTheLedger('Reconciliation: bot state to RECONCILING (pauses decisions), if it may be locked'),
  exchangeSnapshot: atTheExchange("Reconciliation: the venue's balances and our open and recent orders"),
  ledgerSnapshot: inTheLedger("Reconciliation: the ledger's balances, orders and positions"),
  diff: inTheLedger('Reconciliation: classifies every disagreement between the snapshots (pure)'),
  applyRepair: atTheExchange('Reconciliation: applies one repair, idempotently'),
  verify: atTheExchange('Reconciliation: snapshots both sides again and diffs them'),
  unlock: inTheLedger('Reconciliation: bot state back to ACTIVE'),
  halt: inTheLedger('Reconciliation: bot state to HALTED, with the reason; emits TradingStopped'),
};

/** Each step function's timeout, as deployed: the state machine's task timeouts follow from them. */
export const RECONCILE_STEP_TIMEOUTS: Readonly<Record<ReconcileStep, Duration>> = Object.fromEntries(
  RECONCILE_STEPS.map((step) => [step, STEP_SETTINGS[step].timeout]),
) as Record<ReconcileStep, Duration>;

/**
 * One function per reconciliation step, with the trader functions' bundling and
 * environment, each granted only what its step uses. Diff is a pure function: no grant.
 */
export class ReconcileFunctions extends Construct {
  readonly functions: Readonly<Record<ReconcileStep, IFunction>>;
  /** Each function's timeout: the state machine's task timeouts follow from them. */
  readonly timeouts: Readonly<Record<ReconcileStep, Duration>>;

  constructor(scope: Construct, id: string, props: ReconcileFunctionsProps) {
    super(scope, id);
    const { tables } = props;
    const environment = traderFunctionEnvironment(props);
    const create = (step: ReconcileStep): IFunction =>
      new TraderFunction(this, step[0]!.toUpperCase() + step.slice(1), {
        entry: props.entries[step],
        ccxtExchangeId: props.config.exchange.id,
        environment,
        ...STEP_SETTINGS[step],
      }).function;
    const functions = Object.fromEntries(RECONCILE_STEPS.map((step) => [step, create(step)])) as Record<ReconcileStep, IFunction>;
    this.functions = functions;
    this.timeouts = RECONCILE_STEP_TIMEOUTS;
    const { lock, exchangeSnapshot, ledgerSnapshot, applyRepair, verify, unlock, halt } = functions;

    for (const stateKeeper of [lock, unlock, halt]) grantTables(stateKeeper, tables, APPEND, 'state');
    // Halts and applied repairs are recorded as bot actions.
    for (const recorder of [halt, applyRepair]) grantTables(recorder, tables, APPEND, 'telemetry');

    grantTables(ledgerSnapshot, tables, READ, 'state', 'orders');
    // Both read the venue: in paper mode that is the PAPER item of the state table, which
    // read on `state` covers; live, the exchange with the key.
    for (const venueReader of [exchangeSnapshot, verify]) {
      grantTables(venueReader, tables, READ, 'state', 'orders');
      props.exchangeCredentials.grantRead(venueReader);
    }

    // Repairs go through the ledger as decide's orders do, and read the kill switch before
    // anything is sent; in paper mode, the writes on `state` cover the paper venue.
    grantTables(applyRepair, tables, APPEND_AND_REMOVE, 'state');
    grantTables(applyRepair, tables, APPEND, 'plans', 'orders', 'fills');
    props.exchangeCredentials.grantRead(applyRepair);
    for (const venueCaller of [exchangeSnapshot, verify, applyRepair]) grantVenueHold(venueCaller, tables.state);
    props.killSwitch.grantRead(applyRepair);
  }
}
