import type { BotState } from '../../domain/botState.js';
import type { Fill, Order, OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { Balances } from '../../ports/Exchange.js';

/** What the ledger holds of an order of ours that is not among its unsettled intents. */
export type LedgerRecordKind = 'none' | 'unsettled' | 'final';

/**
 * The venue, read in one go while the bot is locked. Every part was answered: a venue that
 * could not say fails the snapshot instead of giving an empty list.
 */
export interface ExchangeSnapshot {
  readonly takenAt: number;
  readonly balances: Balances;
  /** The open orders of every symbol read, ours and anyone's. */
  readonly openOrders: readonly Order[];
  /** The venue's answer for each client order id the ledger is waiting on: null when it positively has no such order. */
  readonly orders: Readonly<Record<string, Order | null>>;
  /** Our fills of each symbol read, since the oldest live plan or unsettled intent there. */
  readonly fills: readonly Fill[];
  /**
   * The least amount the market takes in one order at its last price, for each symbol read
   * (`smallestSellable`: the minimum amount, or what reaches the minimum order value): an exit
   * that leaves less has closed its plan, the rest written off as dust.
   */
  readonly smallestSellable: Readonly<Record<string, string>>;
  /** The last price of each symbol a live plan trades. */
  readonly lastPrices: Readonly<Record<string, string>>;
  /** For each open order of ours that is not an unsettled intent: what the ledger holds of it (a consistent read). */
  readonly ledgerRecords: Readonly<Record<string, LedgerRecordKind>>;
  /**
   * Orders of ours with fills at the venue (in FINAL_ORDER_LOOKBACK_MS) under a client order id
   * the ledger holds as final with another answer: a rejection, or less filled. Their fills are
   * in `fills`.
   */
  readonly finalOrdersAtVenue: readonly FinalOrderAtVenue[];
}

/** A venue order the ledger closed its books on with a different answer: the intent, what the ledger recorded, what the venue has. */
export interface FinalOrderAtVenue {
  readonly intent: OrderIntent;
  readonly recorded: Order;
  readonly venue: Order;
}

/** An intent the venue has not given its final answer to, with what the ledger recorded beside it. */
export interface UnsettledIntent {
  readonly intent: OrderIntent;
  /** The venue's answer, once it acknowledged the order. */
  readonly order?: Order;
  /** The plan as it stood once the order was sent. */
  readonly plan?: Plan;
}

/** The ledger, read consistently while the bot is locked. */
export interface LedgerSnapshot {
  readonly takenAt: number;
  readonly state: BotState;
  readonly livePlans: readonly Plan[];
  readonly unsettled: readonly UnsettledIntent[];
}
