import type { Fill, Order, OrderIntent } from '../../domain/order.js';
import type { PlanWrite } from '../../ports/LedgerStore.js';

/**
 * A change to the ledger only: the venue's answers and fills recorded, and at most one plan
 * moved (guarded by its version). Written in one transaction; fills and orders are keyed so
 * writing them twice is writing them once.
 */
export interface RecordLedgerRepair {
  readonly kind: 'recordLedger';
  readonly plan?: PlanWrite;
  /** Intents to record first, for orders of ours the ledger never had. */
  readonly intents: readonly OrderIntent[];
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly stopOut?: { readonly symbol: string; readonly time: number };
}

/**
 * A held position nothing protects: a stop order rested on the venue at `stopPrice`, or the
 * position sold at market (`flatten`, or when the price is already through the stop). The
 * plan, balance and price are read again before anything is sent.
 */
export interface ProtectPositionRepair {
  readonly kind: 'protectPosition';
  readonly planId: string;
  readonly expectedVersion: number;
  readonly symbol: string;
  readonly mode: 'stop' | 'flatten';
  readonly stopPrice: string;
  /**
   * The plan's exit attempt as the diff saw it. A retried step that finds the plan still open
   * at a later attempt finds it moved by its own earlier exits (nothing else moves a plan while
   * the bot is locked and the repairs run one at a time), and carries on from it.
   */
  readonly exitAttempt?: number;
}

/** An open order of ours the ledger does not (or no longer) account for: cancelled at the venue, then recorded. */
export interface CancelOrderRepair {
  readonly kind: 'cancelOrder';
  readonly order: Order;
  /** Recorded first when the ledger has no intent for it. */
  readonly intent?: OrderIntent;
}

/** Only reported: nothing is done. */
export interface NoRepair {
  readonly kind: 'none';
}

/** The balances cannot be trusted: the bot halts and nothing is repaired. */
export interface HaltRepair {
  readonly kind: 'halt';
  readonly reason: string;
}

export type ActionRepair = RecordLedgerRepair | ProtectPositionRepair | CancelOrderRepair;
export type Repair = ActionRepair | NoRepair | HaltRepair;

export type FindingKind =
  /** 1. An intent the venue has under our client order id though the ledger never recorded its answer: adopted. */
  | 'unacknowledgedOrder'
  /** 2. An intent older than the grace the venue positively does not have: marked failed, its plan moved back. */
  | 'intentMissingAtVenue'
  /** 3. An order of ours that filled or ended while the bot was away (a protective stop included): settled. */
  | 'orderEndedWhileAway'
  /** 4. A held position nothing will close on a fall. */
  | 'unprotectedPosition'
  /** 5. An open order of ours the ledger does not account for. */
  | 'unknownOrder'
  /** 6. An open order without this bot's client order id prefix: someone else's, left alone. */
  | 'foreignOrder'
  /** 7. The venue holds less of an asset than the plans do, beyond the tolerance. */
  | 'balanceMismatch'
  /** 8. A venue order under a client order id the ledger holds as final with another answer (a rejection, or less filled): recorded as the venue has it. */
  | 'finalOrderAtVenue'
  /** An intent too young to judge: its decision may still be sending it. Left for the next run. */
  | 'intentInFlight';

export interface Finding {
  readonly kind: FindingKind;
  readonly symbol?: string;
  readonly planId?: string;
  readonly clientOrderId?: string;
  /** What was seen, for the log and the operator. */
  readonly detail: string;
  readonly repair: Repair;
}

export interface Diff {
  readonly findings: readonly Finding[];
  /** The repairs to apply, in order; empty when the diff halts. */
  readonly repairs: readonly ActionRepair[];
  /** Set when a finding halts the bot: the reason. */
  readonly halt?: string;
}

export function isActionRepair(repair: Repair): repair is ActionRepair {
  return repair.kind === 'recordLedger' || repair.kind === 'protectPosition' || repair.kind === 'cancelOrder';
}
