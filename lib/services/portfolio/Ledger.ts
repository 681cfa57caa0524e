import type { Decimal} from '../../domain/decimal.js';
import { ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import type { Fill } from '../../domain/order.js';
import { splitSymbol } from '../../domain/market.js';

/** What one plan holds, in exact decimals. Cost basis includes fees paid in the quote currency. */
export interface PlanPosition {
  readonly planId: string;
  readonly symbol: string;
  amount: Decimal;
  costBasis: Decimal;
  boughtAmount: Decimal;
  /** Σ price × amount of the buys: the average entry price's numerator. */
  grossBought: Decimal;
  soldAmount: Decimal;
  /** Σ price × amount of the sells: the average exit price's numerator. */
  grossSold: Decimal;
  /** The fills' fees valued in the quote currency: one charged in the base asset at its fill's price. */
  fees: Decimal;
  realizedPnl: Decimal;
  /** Σ of the buys' cost and quote fees, and of the sells' proceeds net of quote fees: terminating decimals, so their difference is a closed plan's exact PnL whatever was pro-rated. */
  spent: Decimal;
  received: Decimal;
}

export interface FillEffect {
  readonly position: Readonly<PlanPosition>;
  /** Realized by this fill (sells only), net of its fee. */
  readonly realized: Decimal;
  /** True when the plan holds nothing any more after a sell. */
  readonly flat: boolean;
}

interface FillAmounts {
  readonly amount: Decimal;
  readonly price: Decimal;
  /** What moved in the quote currency (the venue may round price × amount to its places). */
  readonly cost: Decimal;
  readonly notional: Decimal;
  readonly fee: Decimal;
}

/** A fill never changes, and a plan's entry fill is applied again when its exit settles: parsed once. */
const amountsOf = new WeakMap<Fill, FillAmounts>();

function fillAmounts(fill: Fill): FillAmounts {
  let amounts = amountsOf.get(fill);
  if (amounts === undefined) {
    const amount = dec(fill.amount);
    const price = dec(fill.price);
    amounts = { amount, price, cost: dec(fill.cost), notional: price.times(amount), fee: dec(fill.fee.cost) };
    amountsOf.set(fill, amounts);
  }
  return amounts;
}

/**
 * Balances and per-plan positions, moved only by fills, in exact decimals.
 *
 * Invariants (tested): every balance equals its start plus the fills' amounts minus the
 * fees charged in it; once a plan is flat, its realized PnL equals sell proceeds minus
 * buy costs minus fees paid in the quote currency, with no rounding anywhere.
 * A fee charged in a third asset (a venue's fee token) lowers that balance but is not
 * in the quote PnL; it is kept in `feesByCurrency`.
 */
export class Ledger {
  private readonly balances = new Map<string, Decimal>();
  private readonly positions = new Map<string, PlanPosition>();
  private readonly fees = new Map<string, Decimal>();
  private readonly seenFills = new Set<string>();

  constructor(startingBalances: Readonly<Record<string, string>>) {
    for (const [asset, amount] of Object.entries(startingBalances)) this.balances.set(asset, dec(amount));
  }

  balance(asset: string): Decimal {
    return this.balances.get(asset) ?? ZERO;
  }

  balancesSnapshot(): Record<string, string> {
    return Object.fromEntries([...this.balances].map(([asset, amount]) => [asset, toDecimalString(amount)]));
  }

  position(planId: string): Readonly<PlanPosition> | undefined {
    return this.positions.get(planId);
  }

  feesByCurrency(): Record<string, string> {
    return Object.fromEntries([...this.fees].map(([currency, cost]) => [currency, toDecimalString(cost)]));
  }

  /** Applies a fill once; a fill id seen before changes nothing and returns undefined. */
  apply(fill: Fill, planId: string): FillEffect | undefined {
    if (this.seenFills.has(fill.id)) return undefined;
    this.seenFills.add(fill.id);
    const { base, quote } = splitSymbol(fill.symbol);
    const { amount, price, cost, notional, fee } = fillAmounts(fill);
    const buy = fill.side === 'buy';
    this.move(base, buy ? amount : amount.negated());
    this.move(quote, buy ? cost.negated() : cost);
    this.move(fill.fee.currency, fee.negated());
    this.fees.set(fill.fee.currency, (this.fees.get(fill.fee.currency) ?? ZERO).plus(fee));

    const position = this.positions.get(planId) ?? this.openPosition(planId, fill.symbol);
    const feeInQuote = fill.fee.currency === quote ? fee : ZERO;
    const feeInBase = fill.fee.currency === base ? fee : ZERO;
    if (feeInQuote.gt(0) || feeInBase.gt(0)) position.fees = position.fees.plus(feeInQuote).plus(feeInBase.times(price));
    return buy
      ? this.applyBuy(position, amount, cost, notional, feeInQuote, feeInBase)
      : this.applySell(position, amount, cost, notional, feeInQuote, feeInBase);
  }

  private applyBuy(p: PlanPosition, amount: Decimal, cost: Decimal, notional: Decimal, feeInQuote: Decimal, feeInBase: Decimal): FillEffect {
    p.amount = p.amount.plus(amount).minus(feeInBase);
    p.costBasis = p.costBasis.plus(cost).plus(feeInQuote);
    p.spent = p.spent.plus(cost).plus(feeInQuote);
    p.boughtAmount = p.boughtAmount.plus(amount);
    p.grossBought = p.grossBought.plus(notional);
    return { position: p, realized: ZERO, flat: false };
  }

  private applySell(p: PlanPosition, amount: Decimal, proceeds: Decimal, notional: Decimal, feeInQuote: Decimal, feeInBase: Decimal): FillEffect {
    const sold = amount.plus(feeInBase);
    if (sold.gt(p.amount)) {
      throw new Error(`plan ${p.planId}: sells ${sold.toFixed()} ${p.symbol} but holds ${p.amount.toFixed()}`);
    }
    const remaining = p.amount.minus(sold);
    const released = remaining.isZero() ? p.costBasis : p.costBasis.times(sold).dividedBy(p.amount);
    p.received = p.received.plus(proceeds).minus(feeInQuote);
    // The last sell makes the plan's PnL what it received less what it spent, exactly: each
    // partial sell's share of the basis is a division, and summing them leaves a residue in the
    // 40th digit (26 partial sells made -0.008991003 read -0.0089910030…031).
    const realized = remaining.isZero() ? p.received.minus(p.spent).minus(p.realizedPnl) : proceeds.minus(feeInQuote).minus(released);
    p.amount = remaining;
    p.costBasis = p.costBasis.minus(released);
    p.soldAmount = p.soldAmount.plus(amount);
    p.grossSold = p.grossSold.plus(notional);
    p.realizedPnl = remaining.isZero() ? p.received.minus(p.spent) : p.realizedPnl.plus(realized);
    return { position: p, realized, flat: remaining.isZero() };
  }

  /** Mark-to-market value of what the plan holds minus what it cost, in the quote currency. */
  unrealizedPnl(planId: string, lastPrice: Decimal): Decimal {
    const p = this.positions.get(planId);
    return p ? p.amount.times(lastPrice).minus(p.costBasis) : ZERO;
  }

  private openPosition(planId: string, symbol: string): PlanPosition {
    const position: PlanPosition = {
      planId,
      symbol,
      amount: ZERO,
      costBasis: ZERO,
      boughtAmount: ZERO,
      grossBought: ZERO,
      soldAmount: ZERO,
      grossSold: ZERO,
      fees: ZERO,
      realizedPnl: ZERO,
      spent: ZERO,
      received: ZERO,
    };
    this.positions.set(planId, position);
    return position;
  }

  private move(asset: string, delta: Decimal): void {
    if (delta.isZero()) return;
    this.balances.set(asset, this.balance(asset).plus(delta));
  }
}

