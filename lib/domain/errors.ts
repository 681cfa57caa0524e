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
