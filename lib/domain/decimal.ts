/**
 * The one decimal type for money: exact, with the semantics of decimal.js, the library it
 * replaced (same API, same results, same strings), at a fraction of the cost.
 *
 * A value is an integer `u` (a BigInt) scaled by 10^-k. Sums, differences and products of
 * such values are exact; a result longer than the context's precision (40 significant
 * digits: any realistic balance, 1e12 units, to 1e-28, far below a satoshi) is rounded
 * half-even, as decimal.js rounds, so long sums do not drift. A quotient is correctly
 * rounded to that precision. Parsing and `new Decimal(x)` keep every digit given. NaN and
 * ±Infinity exist, so a bad float stays visible (`isFinite()`) instead of throwing, and a
 * zero keeps its sign as IEEE's does (`isNegative()`, `valueOf()`).
 *
 * Why not decimal.js any more: it keeps digits in arrays of base-1e7 words, and a backtest
 * spent some 40 % of its time in it (≈ 350 ns a product, 600 ns a rounding to decimal
 * places, 900 ns a parse). BigInt does the same arithmetic in tens of nanoseconds. Why
 * not a BigInt decimal library: npm's bigdecimal.js (1.3.1, the newest this registry has)
 * loses exactness past ±2^53 in its number fast path (a sum of two negatives rounds; fixed
 * upstream in 1.7.0), and dnum is slower than decimal.js here. decimal.js stays as the
 * test oracle: a property test checks every operation against it on random values.
 *
 * The integer arithmetic and the decimal text it reads and prints are in scaledInteger.ts;
 * this file is the value type: contexts, signs, NaN and ±Infinity, and decimal.js's API.
 */

import { type Rounding, MAX_EXPONENT, ROUND_FLOOR, abs, approximateDouble, digitCount, divideRounded, exactDouble, exponentText, nonFiniteText, parseExponent, parsePlain, plainText, pow10 } from './scaledInteger.js';

export type DecimalInput = Decimal | string | number;

interface DecimalConfig {
  readonly precision?: number;
  readonly rounding?: number;
  readonly toExpNeg?: number;
  readonly toExpPos?: number;
}

interface Context {
  readonly precision: number;
  readonly rounding: Rounding;
  readonly toExpNeg: number;
  readonly toExpPos: number;
  /** 10^precision: a magnitude below it has no more digits than the precision. */
  readonly limit: bigint;
}

function contextOf(config: DecimalConfig, base?: Context): Context {
  const precision = config.precision ?? base?.precision ?? 40;
  const rounding = config.rounding ?? base?.rounding ?? 6;
  if (!Number.isInteger(precision) || precision < 1 || precision > 1000) throw new RangeError(`[DecimalError] Invalid argument: precision: ${precision}`);
  return {
    precision,
    rounding: checkRounding(rounding),
    toExpNeg: config.toExpNeg ?? base?.toExpNeg ?? -40,
    toExpPos: config.toExpPos ?? base?.toExpPos ?? 40,
    limit: 10n ** BigInt(precision),
  };
}

function checkRounding(rm: number): Rounding {
  if (!(Number.isInteger(rm) && rm >= 0 && rm <= 6)) throw new RangeError(`[DecimalError] Invalid argument: rounding mode ${rm} (0 to 6 are supported)`);
  return rm as Rounding;
}

function checkPlaces(dp: number): number {
  if (!Number.isInteger(dp) || dp < 0 || dp > MAX_EXPONENT) throw new RangeError(`[DecimalError] Invalid argument: decimal places ${dp} (0 to ${MAX_EXPONENT})`);
  return dp;
}

/** Marks a constructor call that makes an operation's result (see `make`). */
const RESULT = Symbol('result');

/**
 * A decimal value: `u`·10^-k when finite (`s` is 0); NaN or ±Infinity in `s` otherwise.
 * `z` says a zero is negative. `c` is the context that rounds its results.
 */
export class Decimal {
  static readonly ROUND_UP = 0;
  static readonly ROUND_DOWN = 1;
  static readonly ROUND_CEIL = 2;
  static readonly ROUND_FLOOR = 3;
  static readonly ROUND_HALF_UP = 4;
  static readonly ROUND_HALF_DOWN = 5;
  static readonly ROUND_HALF_EVEN = 6;

  /** The context of `new Decimal(…)`; a clone has its own. */
  static readonly context: Context = contextOf({});

  /** @internal */ u: bigint;
  /** @internal */ k: number;
  /** @internal */ s: number;
  /** @internal */ z: boolean;
  /** @internal */ readonly c: Context;

  constructor(value: DecimalInput);
  /** @internal A result: fields set by the caller, rounded by `context`. */
  constructor(value: typeof RESULT, context: Context);
  constructor(value: DecimalInput | typeof RESULT, context?: Context) {
    this.c = context ?? new.target.context;
    this.u = 0n;
    this.k = 0;
    this.s = 0;
    this.z = false;
    if (value === RESULT) return;
    if (value instanceof Decimal) {
      this.u = value.u;
      this.k = value.k;
      this.s = value.s;
      this.z = value.z;
    } else if (typeof value === 'number') this.setNumber(value);
    else if (typeof value === 'string') this.setString(value);
    else throw new TypeError(`[DecimalError] Invalid argument: ${String(value)}`);
  }

  /** A class whose values round their results by `config` (precision, rounding mode). */
  static clone(config: DecimalConfig = {}): typeof Decimal {
    const context = contextOf(config, this.context);
    return class extends Decimal {
      static override readonly context = context;

      /** Results are made in their operand's context, not its class: every value is an instance of every clone, as with decimal.js. */
      static override [Symbol.hasInstance](value: unknown): boolean {
        return value instanceof Decimal;
      }
    };
  }

  static max(...values: DecimalInput[]): Decimal {
    return extreme(this, values, 1);
  }

  static min(...values: DecimalInput[]): Decimal {
    return extreme(this, values, -1);
  }

  private setNumber(value: number): void {
    if (Number.isSafeInteger(value)) {
      this.u = BigInt(value);
      this.z = value === 0 && Object.is(value, -0);
    } else if (!Number.isFinite(value)) this.s = value;
    else this.setString(String(value));
  }

  private setString(text: string): void {
    if (parsePlain(text, this)) return;
    const parsed = parseExponent(text);
    if (parsed !== undefined) {
      this.u = parsed.u;
      this.k = parsed.k;
      this.z = parsed.negative && parsed.u === 0n;
      return;
    }
    const first = text.charCodeAt(0);
    const word = first === 45 || first === 43 ? text.slice(1) : text;
    if (word === 'Infinity') this.s = first === 45 ? -Infinity : Infinity;
    else if (word === 'NaN') this.s = NaN;
    else throw new Error(`[DecimalError] Invalid argument: ${text}`);
  }

  // ---- arithmetic: each result rounded to the context's precision ----

  plus(other: DecimalInput): Decimal {
    const y = toDecimal(other);
    if (this.s !== 0 || y.s !== 0) return nonFinitePlus(this.c, this.s, y.s);
    if (this.negativeSign() !== y.negativeSign()) {
      // Signs differ: x − (−y) of one sign each.
      if (this.u === 0n && y.u === 0n) return zero(this.c, this.c.rounding === ROUND_FLOOR);
      return this.exactSum(y, 1n, this.c.rounding === ROUND_FLOOR);
    }
    if (y.u === 0n) return this.u === 0n ? this : rounded(this.c, this.u, this.k);
    return this.exactSum(y, 1n, false);
  }

  add(other: DecimalInput): Decimal {
    return this.plus(other);
  }

  minus(other: DecimalInput): Decimal {
    const y = toDecimal(other);
    if (this.s !== 0 || y.s !== 0) return nonFinitePlus(this.c, this.s, -y.s);
    if (this.negativeSign() !== y.negativeSign()) {
      // Signs differ: a sum of one sign, never zero unless both are, and then x.
      if (this.u === 0n && y.u === 0n) return this;
      return this.exactSum(y, -1n, false);
    }
    if (this.u === 0n && y.u === 0n) return zero(this.c, this.c.rounding === ROUND_FLOOR);
    return this.exactSum(y, -1n, this.c.rounding === ROUND_FLOOR);
  }

  sub(other: DecimalInput): Decimal {
    return this.minus(other);
  }

  /** this + sign·y, exactly, then rounded; an exact zero takes `zeroNegative`. */
  private exactSum(y: Decimal, sign: bigint, zeroNegative: boolean): Decimal {
    const k = this.k > y.k ? this.k : y.k;
    const a = this.k === k ? this.u : this.u * pow10(k - this.k);
    const b = y.k === k ? y.u : y.u * pow10(k - y.k);
    const u = sign > 0n ? a + b : a - b;
    if (u === 0n) return zero(this.c, zeroNegative);
    return rounded(this.c, u, k);
  }

  times(other: DecimalInput): Decimal {
    const y = toDecimal(other);
    const negative = this.negativeSign() !== y.negativeSign();
    if (this.s !== 0 || y.s !== 0) {
      if (Number.isNaN(this.s) || Number.isNaN(y.s) || (this.s === 0 && this.u === 0n) || (y.s === 0 && y.u === 0n)) return special(this.c, NaN);
      return special(this.c, negative ? -Infinity : Infinity);
    }
    const u = this.u * y.u;
    if (u === 0n) return zero(this.c, negative);
    return rounded(this.c, u, this.k + y.k);
  }

  mul(other: DecimalInput): Decimal {
    return this.times(other);
  }

  /** Correctly rounded to the context's precision. */
  dividedBy(other: DecimalInput): Decimal {
    const y = toDecimal(other);
    const negative = this.negativeSign() !== y.negativeSign();
    if (this.s !== 0 || y.s !== 0) {
      if (Number.isNaN(this.s) || Number.isNaN(y.s) || (this.s !== 0 && y.s !== 0)) return special(this.c, NaN);
      // ±Infinity / finite is ±Infinity; finite / ±Infinity is ±0.
      return this.s !== 0 ? special(this.c, negative ? -Infinity : Infinity) : zero(this.c, negative);
    }
    if (y.u === 0n) return special(this.c, this.u === 0n ? NaN : negative ? -Infinity : Infinity);
    if (this.u === 0n) return zero(this.c, negative);
    return quotient(this.c, this.u, this.k, y.u, y.k);
  }

  div(other: DecimalInput): Decimal {
    return this.dividedBy(other);
  }

  /** The remainder of a truncated division, with the dividend's sign (decimal.js's default modulo mode). */
  mod(other: DecimalInput): Decimal {
    const y = toDecimal(other);
    if (this.s !== 0 || Number.isNaN(y.s) || (y.s === 0 && y.u === 0n)) return special(this.c, NaN);
    if (y.s !== 0 || this.u === 0n) return rounded(this.c, this.u, this.k, this.z);
    const k = this.k > y.k ? this.k : y.k;
    const a = this.k === k ? this.u : this.u * pow10(k - this.k);
    const b = y.k === k ? y.u : y.u * pow10(k - y.k);
    const u = a % b;
    if (u === 0n) return zero(this.c, this.c.rounding === ROUND_FLOOR);
    return rounded(this.c, u, k);
  }

  /** An integer power, correctly rounded (10^-8 is exact). */
  pow(exponent: number): Decimal {
    if (!Number.isInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) throw new RangeError(`[DecimalError] Invalid argument: pow takes an integer exponent up to ±${MAX_EXPONENT}, got ${exponent}`);
    if (this.s !== 0) return special(this.c, exponent === 0 ? 1 : this.s ** exponent);
    if (exponent === 0) return make(this.c, 1n, 0, 0, false);
    const oddNegative = this.negativeSign() && exponent % 2 !== 0;
    if (this.u === 0n) return exponent < 0 ? special(this.c, oddNegative ? -Infinity : Infinity) : zero(this.c, oddNegative);
    const n = Math.abs(exponent);
    const u = this.u ** BigInt(n);
    if (exponent > 0) return rounded(this.c, u, this.k * n);
    return quotient(this.c, 1n, 0, u, this.k * n);
  }

  /** Not rounded, as decimal.js does not round it. */
  abs(): Decimal {
    if (this.s !== 0) return special(this.c, Math.abs(this.s));
    return make(this.c, abs(this.u), this.k, 0, false);
  }

  /** Not rounded, as decimal.js does not round it. */
  negated(): Decimal {
    if (this.s !== 0) return special(this.c, -this.s);
    return make(this.c, -this.u, this.k, 0, this.u === 0n && !this.z);
  }

  neg(): Decimal {
    return this.negated();
  }

  // ---- comparison ----

  /** 1, 0 or −1; NaN when either is NaN. ±0 are equal. */
  comparedTo(other: DecimalInput): number {
    const y = toDecimal(other);
    if (this.s !== 0 || y.s !== 0) {
      if (Number.isNaN(this.s) || Number.isNaN(y.s)) return NaN;
      const left = this.s !== 0 ? this.s : 0;
      const right = y.s !== 0 ? y.s : 0;
      return left === right ? 0 : left > right ? 1 : -1;
    }
    const a = this.u;
    const b = y.u;
    // Signs decide most comparisons without scaling either side.
    if (a <= 0n && b > 0n) return -1;
    if (a >= 0n && b < 0n) return 1;
    if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? (b > 0n ? -1 : 1) : a > 0n ? 1 : -1;
    if (this.k === y.k) return a === b ? 0 : a > b ? 1 : -1;
    const left = this.k < y.k ? a * pow10(y.k - this.k) : a;
    const right = y.k < this.k ? b * pow10(this.k - y.k) : b;
    return left === right ? 0 : left > right ? 1 : -1;
  }

  cmp(other: DecimalInput): number {
    return this.comparedTo(other);
  }

  eq(other: DecimalInput): boolean {
    return this.comparedTo(other) === 0;
  }

  equals(other: DecimalInput): boolean {
    return this.eq(other);
  }

  gt(other: DecimalInput): boolean {
    return this.comparedTo(other) > 0;
  }

  greaterThan(other: DecimalInput): boolean {
    return this.gt(other);
  }

  gte(other: DecimalInput): boolean {
    return this.comparedTo(other) >= 0;
  }

  greaterThanOrEqualTo(other: DecimalInput): boolean {
    return this.gte(other);
  }

  lt(other: DecimalInput): boolean {
    return this.comparedTo(other) < 0;
  }

  lessThan(other: DecimalInput): boolean {
    return this.lt(other);
  }

  lte(other: DecimalInput): boolean {
    return this.comparedTo(other) <= 0;
  }

  lessThanOrEqualTo(other: DecimalInput): boolean {
    return this.lte(other);
  }

  // ---- predicates ----

  isFinite(): boolean {
    return this.s === 0;
  }

  isNaN(): boolean {
    return Number.isNaN(this.s);
  }

  isZero(): boolean {
    return this.s === 0 && this.u === 0n;
  }

  isInteger(): boolean {
    return this.s === 0 && (this.k === 0 || this.u % pow10(this.k) === 0n);
  }

  /** Negative, −0 and −Infinity included. */
  isNegative(): boolean {
    return this.negativeSign();
  }

  isNeg(): boolean {
    return this.isNegative();
  }

  /** Positive, +0 and +Infinity included. */
  isPositive(): boolean {
    return !this.negativeSign() && !Number.isNaN(this.s);
  }

  isPos(): boolean {
    return this.isPositive();
  }

  private negativeSign(): boolean {
    if (this.s !== 0) return this.s < 0;
    return this.u < 0n || (this.u === 0n && this.z);
  }

  // ---- rounding and output ----

  /** Digits after the point, trailing zeros not counted; NaN when not finite. */
  decimalPlaces(): number {
    if (this.s !== 0) return NaN;
    if (this.u === 0n || this.k === 0) return 0;
    const text = abs(this.u).toString();
    let zeros = 0;
    while (text.charCodeAt(text.length - 1 - zeros) === 48) zeros++;
    return Math.max(0, this.k - zeros);
  }

  dp(): number {
    return this.decimalPlaces();
  }

  /** Rounded to `dp` decimal places by `rm` (the context's mode by default); no precision limit. */
  toDecimalPlaces(dp?: number, rm?: number): Decimal {
    if (dp === undefined || this.s !== 0) return this;
    const places = checkPlaces(dp);
    const mode = rm === undefined ? this.c.rounding : checkRounding(rm);
    if (this.k <= places) return this;
    const u = divideRounded(this.u, pow10(this.k - places), mode);
    if (u === 0n) return zero(this.c, this.negativeSign());
    return make(this.c, u, places, 0, false);
  }

  toDP(dp?: number, rm?: number): Decimal {
    return this.toDecimalPlaces(dp, rm);
  }

  /**
   * Plain notation: every digit without `dp` (no trailing zeros), else rounded to exactly
   * `dp` places. A negative value that rounds to zero keeps its minus ("-0.00"); −0 prints "0".
   */
  toFixed(dp?: number, rm?: number): string {
    if (this.s !== 0) return nonFiniteText(this.s);
    if (dp === undefined) return plainText(this.u, this.k, true);
    const places = checkPlaces(dp);
    const mode = rm === undefined ? this.c.rounding : checkRounding(rm);
    const u = this.k > places ? divideRounded(this.u, pow10(this.k - places), mode) : this.u * pow10(places - this.k);
    const text = plainText(u, places, false);
    return u === 0n && this.u < 0n ? `-${text}` : text;
  }

  /** Plain notation between the context's exponent limits, else exponent form ("1.5e-41"); −0 is "0". */
  toString(): string {
    if (this.s !== 0) return nonFiniteText(this.s);
    if (this.u === 0n) return '0';
    const exponent = digitCount(this.u) - this.k - 1;
    if (exponent > this.c.toExpNeg && exponent < this.c.toExpPos) return plainText(this.u, this.k, true);
    return exponentText(this.u, exponent);
  }

  /** As toString, but −0 is "-0". */
  valueOf(): string {
    return this.z && this.s === 0 && this.u === 0n ? '-0' : this.toString();
  }

  toJSON(): string {
    return this.valueOf();
  }

  toNumber(): number {
    if (this.s === 0) {
      const exact = exactDouble(this.u, this.k, this.z);
      if (exact !== undefined) return exact;
    }
    return Number(this.valueOf());
  }
}

function toDecimal(value: DecimalInput): Decimal {
  if (value instanceof Decimal) return value;
  // `x.gt(0)`, `dec(1)`: whole numbers this small are everywhere, and a value never changes.
  // (Not −0: `1 / value > 0` keeps its sign of its own.)
  if (typeof value === 'number' && value >= 0 && value < WHOLE_NUMBERS.length && Number.isInteger(value) && 1 / value > 0) return WHOLE_NUMBERS[value] as Decimal;
  return new Decimal(value);
}

const WHOLE_NUMBERS: readonly Decimal[] = Array.from({ length: 11 }, (_, n) => new Decimal(n));

/** An operation's result, in the operand's context (a clone's class itself is not needed, only its rounding). */
function make(context: Context, u: bigint, k: number, s: number, z: boolean): Decimal {
  const result = new Decimal(RESULT, context);
  result.u = u;
  result.k = k;
  result.s = s;
  result.z = z;
  return result;
}

/** u·10^-k rounded to the context's precision: the last digits dropped, the scale cut to match. */
function rounded(context: Context, u: bigint, k: number, negativeZero = false): Decimal {
  if (abs(u) < context.limit) return make(context, u, k, 0, negativeZero);
  const drop = digitCount(u) - context.precision;
  return normalized(context, divideRounded(u, pow10(drop), context.rounding), k - drop);
}

/** Keeps k ≥ 0: a scale cut below zero (a very long integer) becomes trailing zeros. */
function normalized(context: Context, u: bigint, k: number): Decimal {
  return k >= 0 ? make(context, u, k, 0, false) : make(context, u * pow10(-k), 0, 0, false);
}

/**
 * (a·10^-ka) / (b·10^-kb), both non-zero, correctly rounded: an integer quotient of at least
 * precision + 1 digits, then the rest rounded away knowing whether the division left a remainder.
 */
function quotient(context: Context, a: bigint, ka: number, b: bigint, kb: number): Decimal {
  const shift = Math.max(0, context.precision - digitCount(a) + digitCount(b) + 1);
  const numerator = a * pow10(shift);
  const whole = numerator / b;
  const inexact = whole * b !== numerator;
  const k = ka + shift - kb;
  // The shift made the quotient P + 1 or P + 2 digits long (P the precision), unless the
  // dividend alone was longer: at least one digit to drop.
  const drop = shift > 0 ? (abs(whole) >= pow10(context.precision + 1) ? 2 : 1) : digitCount(whole) - context.precision;
  return normalized(context, divideRounded(whole, pow10(drop), context.rounding, inexact), k - drop);
}

function zero(context: Context, negative: boolean): Decimal {
  return make(context, 0n, 0, 0, negative);
}

function special(context: Context, s: number): Decimal {
  return make(context, 0n, 0, s, false);
}

/** x + y where either is not finite (y's sign already flipped for a subtraction). */
function nonFinitePlus(context: Context, xs: number, ys: number): Decimal {
  if (Number.isNaN(xs) || Number.isNaN(ys)) return special(context, NaN);
  if (xs === 0) return special(context, ys);
  if (ys === 0) return special(context, xs);
  return special(context, xs === ys ? xs : NaN);
}

function extreme(ctor: typeof Decimal, values: readonly DecimalInput[], direction: 1 | -1): Decimal {
  let best: Decimal | undefined;
  for (const value of values) {
    const candidate = value instanceof Decimal ? value : new ctor(value);
    if (candidate.isNaN()) return candidate;
    if (best === undefined) best = candidate;
    else {
      // On a tie (±0) max takes the later unless the kept one is positive, min unless it is negative, as decimal.js does.
      const order = candidate.comparedTo(best);
      if (order * direction > 0 || (order === 0 && best.isNegative() === direction > 0)) best = candidate;
    }
  }
  if (best === undefined) throw new RangeError('[DecimalError] Invalid argument: max and min need a value');
  return best;
}

export const ZERO = new Decimal(0);

export function dec(value: DecimalInput): Decimal {
  return toDecimal(value);
}

/**
 * The value as a double within a few parts in 10^16 (`toNumber` rounds once, exactly as
 * parsing the text would, and prints a long value to get there): for a comparison that
 * only needs the order of values not that close.
 */
export function approximateNumber(value: Decimal): number {
  if (value.s !== 0 || value.u === 0n) return value.toNumber();
  return approximateDouble(value.u, value.k) ?? value.toNumber();
}

/** Sum of decimal strings or decimals, exactly. */
export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** A plain decimal string without a trailing exponent, as the ledger stores it. */
export function toDecimalString(value: DecimalInput): string {
  return dec(value).toFixed();
}

export function isDecimalString(value: string): boolean {
  return /^-?(?:\d+)(?:\.\d+)?$/.test(value);
}

/** `units`·10^-`places`, in the default context: a value already on `places` decimals. */
export function fromScaledInteger(units: bigint, places: number): Decimal {
  return make(Decimal.context, units, checkPlaces(places), 0, false);
}
