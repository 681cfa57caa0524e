/** Base of every error the trading core throws on purpose. */
export class TraderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that crossed a boundary and failed validation; `field` names what was wrong. */
export class InvalidInputError extends TraderError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export class IllegalPlanTransitionError extends TraderError {
  constructor(
    readonly planId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`plan ${planId}: illegal transition ${from} → ${to}`);
  }
}

export class UnknownStrategyError extends TraderError {
  constructor(
    readonly strategy: string,
    readonly known: readonly string[],
  ) {
    super(`unknown strategy "${strategy}" (known: ${known.join(', ')})`);
  }
}

export class DuplicateClientOrderIdError extends TraderError {
  constructor(readonly clientOrderId: string) {
    super(`order intent ${clientOrderId} already exists`);
  }
}

export class PlanVersionConflictError extends TraderError {
  constructor(
    readonly planId: string,
    readonly expectedVersion: number,
  ) {
    super(`plan ${planId}: version ${expectedVersion} is no longer current`);
  }
}

/**
 * The live plans or the bot state changed since the snapshot a decision was made on
 * (another decision, a reconciliation, a halt): nothing was written; reload and decide again.
 */
export class LedgerChangedError extends TraderError {
  constructor(readonly expectedLedgerVersion: number) {
    super(`the ledger moved past version ${expectedLedgerVersion}, or the bot is no longer ACTIVE`);
  }
}

/** This candle's decision is already recorded: a redelivered message, nothing to do again. */
export class DecisionAlreadyRecordedError extends TraderError {
  constructor(
    readonly symbol: string,
    readonly timeframe: string,
    readonly candleOpenTime: number,
  ) {
    super(`the decision for ${symbol} ${timeframe} ${new Date(candleOpenTime).toISOString()} is already recorded`);
  }
}

/** A stored row that no longer parses: the store is named, nothing is guessed. */
export class CorruptRecordError extends TraderError {
  constructor(
    readonly store: string,
    readonly key: string,
    reason: string,
  ) {
    super(`${store} ${key}: ${reason}`);
  }
}

/** A venue call that failed for good (not retryable, or out of attempts); `errorClass` names ccxt's class. */
export class ExchangeCallError extends TraderError {
  constructor(
    readonly operation: string,
    readonly errorClass: string,
    readonly category: string,
    readonly retryable: boolean,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${operation} failed: ${errorClass}: ${detail}`, options);
  }
}

/** The venue lists no market under this symbol. */
export class UnknownMarketError extends TraderError {
  constructor(
    readonly exchangeId: string,
    readonly symbol: string,
  ) {
    super(`${exchangeId} has no market ${symbol}`);
  }
}

/** An exchange id the gateway cannot load: not on its list of supported ccxt exchanges. */
export class UnsupportedExchangeError extends TraderError {
  constructor(
    readonly exchangeId: string,
    readonly supported: readonly string[],
  ) {
    super(`exchange "${exchangeId}" is not supported (supported: ${supported.join(', ')})`);
  }
}

/** The venue has no order under this client order id. */
export class ExchangeOrderNotFoundError extends TraderError {
  constructor(
    readonly symbol: string,
    readonly clientOrderId: string,
  ) {
    super(`no order ${clientOrderId} on ${symbol}`);
  }
}

/** A reconciliation no longer holds the bot (halted, or another lock took it): its write was refused. */
export class LockLostError extends TraderError {
  constructor(readonly lockId: string) {
    super(`reconciliation ${lockId} no longer holds the bot (it is not RECONCILING under this lock): nothing written`);
    // Set by hand: the Lambda bundles are minified, and the name is what the step's error reports.
    this.name = 'LockLostError';
  }
}

/** A repair wrote an order whose intent was never recorded: the transaction was refused, nothing written. */
export class UnrecordedIntentError extends TraderError {
  constructor(
    readonly clientOrderIds: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`a repair wrote an order whose intent is not recorded (${clientOrderIds.join(', ')})`, options);
    this.name = 'UnrecordedIntentError';
  }
}

/** One repair would write more items than one DynamoDB transaction holds. */
export class RepairTooLargeError extends TraderError {
  constructor(
    readonly items: number,
    readonly limit: number,
  ) {
    super(`a repair of ${items} items is over DynamoDB's ${limit}`);
    this.name = 'RepairTooLargeError';
  }
}

/** Unlock found the bot no longer RECONCILING under this reconciliation's lock. */
export class UnlockRefusedError extends TraderError {
  constructor(
    readonly lockId: string,
    readonly status: string,
    readonly lockedBy?: string,
  ) {
    super(`reconciliation ${lockId} cannot unlock: the bot is ${status}${lockedBy ? ` under ${lockedBy}` : ''}`);
    this.name = 'UnlockRefusedError';
  }
}

/** A cancel the venue acknowledged, yet the order is still open (or gone) when looked up again: nothing is recorded. */
export class CancelNotTakenError extends TraderError {
  constructor(
    readonly symbol: string,
    readonly clientOrderId: string,
  ) {
    super(`order ${clientOrderId} on ${symbol} is still open after its cancel`);
    // Set by hand: the Lambda bundles are minified, and the name is what the step's error reports.
    this.name = 'CancelNotTakenError';
  }
}
