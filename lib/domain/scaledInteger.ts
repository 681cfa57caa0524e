/**
 * Exact integer arithmetic and text for decimals held as an integer u scaled by 10^-k (see
 * decimal.ts, the money type built on it): powers of ten, digit counts, division rounded by
 * decimal.js's modes, conversion to doubles, and the reading and printing of decimal text.
 */

export type Rounding = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ROUND_UP = 0;
const ROUND_DOWN = 1;
const ROUND_CEIL = 2;
export const ROUND_FLOOR = 3;
const ROUND_HALF_UP = 4;
const ROUND_HALF_DOWN = 5;

// ---- integer helpers ----

/** 10^0 … 10^511, made once: scales and precisions stay far below. */
const POWERS: readonly bigint[] = Array.from({ length: 512 }, (_, i) => 10n ** BigInt(i));
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 10^n as a BigInt, n ≥ 0. */
export function pow10(n: number): bigint {
  return n < POWERS.length ? (POWERS[n] as bigint) : 10n ** BigInt(n);
}

export function abs(u: bigint): bigint {
  return u < 0n ? -u : u;
}

// ---- doubles ----

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_DOUBLE_POWERS: readonly number[] = Array.from({ length: 23 }, (_, n) => Number(`1e${n}`));

/**
 * u·10^-k as the double its text parses to, when u and 10^k are both exact as doubles (one
 * division rounds once, as parsing does); undefined otherwise. `negativeZero` signs a zero.
 */
export function exactDouble(u: bigint, k: number, negativeZero: boolean): number | undefined {
  if (k >= EXACT_DOUBLE_POWERS.length || u > MAX_SAFE || u < -MAX_SAFE) return undefined;
  return u === 0n ? (negativeZero ? -0 : 0) : Number(u) / (EXACT_DOUBLE_POWERS[k] as number);
}

/** u·10^-k, u ≠ 0, within a few parts in 10^16 (two roundings); undefined past a double's range. */
export function approximateDouble(u: bigint, k: number): number | undefined {
  const approximate = Number(u) / (k < EXACT_DOUBLE_POWERS.length ? (EXACT_DOUBLE_POWERS[k] as number) : 10 ** k);
  return Number.isFinite(approximate) && approximate !== 0 ? approximate : undefined;
}

/** 10^0 … 10^15 as numbers: every one exact. */
const SMALL_POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Decimal digits of |u| (0 has one). */
export function digitCount(u: bigint): number {
  const magnitude = u < 0n ? -u : u;
  if (magnitude > MAX_SAFE) return digitCountOfLarge(magnitude);
  // Counted against exact powers of ten: Math.log10 rounds 999…9 up to the next power.
  const n = Number(magnitude);
  let digits = 1;
  while (digits < 16 && n >= (SMALL_POWERS[digits] as number)) digits++;
  return digits;
}

/**
 * Digits of a magnitude past 2^53 (a product of two long operands, before it is rounded): a
 * double's log10 gives the count within one, and the exact powers settle it, cheaper than
 * printing the number. Past a double's range, it is printed.
 */
function digitCountOfLarge(magnitude: bigint): number {
  const estimate = Math.floor(Math.log10(Number(magnitude))) + 1;
  if (!Number.isFinite(estimate) || estimate >= POWERS.length) return magnitude.toString().length;
  if (magnitude < (POWERS[estimate - 1] as bigint)) return estimate - 1;
  return magnitude >= (POWERS[estimate] as bigint) ? estimate + 1 : estimate;
}

/**
 * u / d rounded by `rm` to an integer, d > 0; `sticky` says the true dividend is a little
 * more than u in magnitude (digits already dropped were not all zero).
 */
export function divideRounded(u: bigint, d: bigint, rm: Rounding, sticky = false): bigint {
  const q = u / d;
  // A product back, not `u % d`: a second long division costs more.
  const r = u - q * d;
  if (r === 0n && !sticky) return q;
  const negative = u < 0n;
  let away: boolean;
  switch (rm) {
    case ROUND_UP:
      away = true;
      break;
    case ROUND_DOWN:
      away = false;
      break;
    case ROUND_CEIL:
      away = !negative;
      break;
    case ROUND_FLOOR:
      away = negative;
      break;
    default: {
      const twice = 2n * abs(r);
      // A dropped tail past the remainder makes an exact half a little more than half.
      const order = twice === d ? (sticky ? 1 : 0) : twice > d ? 1 : -1;
      if (order !== 0) away = order > 0;
      else if (rm === ROUND_HALF_UP) away = true;
      else if (rm === ROUND_HALF_DOWN) away = false;
      else away = (q & 1n) === 1n;
    }
  }
  if (!away) return q;
  return negative ? q - 1n : q + 1n;
}

const DECIMAL_TEXT = /^([+-])?(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;
/**
 * The largest exponent a text may carry. A value is held as a plain integer, so 1e999999999
 * would be a billion-digit number: refused, where decimal.js took it (no money comes near).
 */
export const MAX_EXPONENT = 10_000;


export interface Parsed {
  readonly u: bigint;
  readonly k: number;
  readonly negative: boolean;
}

/** The longest digit run whose value a JS number holds exactly (10^15 < 2^53). */
const SAFE_DIGITS = 15;


/** Where `parsePlain` writes what it read (a Decimal is one). */
export interface ScaledTarget {
  u: bigint;
  k: number;
  z: boolean;
}

/**
 * Reads a plain decimal string ("-12.340", "5.", ".5") into `into`, building the integer while
 * it scans when it fits a double exactly; false when the text is anything else.
 */
export function parsePlain(text: string, into: ScaledTarget): boolean {
  const length = text.length;
  const first = text.charCodeAt(0);
  const start = first === 45 /* - */ || first === 43 /* + */ ? 1 : 0;
  let units = 0;
  let digits = 0;
  /** Digits from the first non-zero one: leading zeros ("0.00173") add nothing to the magnitude. */
  let significant = 0;
  let point = -1;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      digits++;
      if (units !== 0) significant++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return false;
  }
  if (digits === 0) return false;
  const negative = first === 45;
  let u: bigint;
  if (significant <= SAFE_DIGITS) u = BigInt(units);
  else u = BigInt(point < 0 ? text.slice(start) : text.slice(start, point) + text.slice(point + 1));
  into.u = negative ? -u : u;
  into.k = point < 0 ? 0 : length - point - 1;
  into.z = negative && u === 0n;
  return true;
}

/** Any base-ten text decimal.js takes: plain, or with an exponent ("1.5e-7"). */
export function parseExponent(text: string): Parsed | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const [, sign, mantissa = '', exponent] = match;
  const point = mantissa.indexOf('.');
  const fraction = point < 0 ? 0 : mantissa.length - point - 1;
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const negative = sign === '-';
  const power = Number(exponent ?? 0);
  if (!(Math.abs(power) <= MAX_EXPONENT)) throw new RangeError(`[DecimalError] Invalid argument: exponent out of range (±${MAX_EXPONENT}): ${text}`);
  const magnitude = BigInt(digits);
  let k = fraction - power;
  let u = magnitude;
  // A negative scale is kept as trailing zeros: every value has k ≥ 0.
  if (k < 0) {
    u = magnitude * pow10(-k);
    k = 0;
  }
  return { u: negative ? -u : u, k, negative };
}

export function nonFiniteText(s: number): string {
  return Number.isNaN(s) ? 'NaN' : s > 0 ? 'Infinity' : '-Infinity';
}

/** u·10^-k in plain notation; `trim` drops trailing zeros after the point (and the point). */
export function plainText(u: bigint, k: number, trim: boolean): string {
  const negative = u < 0n;
  const magnitude = negative ? -u : u;
  // A number prints its digits faster than a BigInt does.
  const digits = magnitude <= MAX_SAFE ? String(Number(magnitude)) : magnitude.toString();
  const sign = negative ? '-' : '';
  if (k === 0) return sign + digits;
  const length = digits.length;
  let kept = k;
  // A fraction digit left of the digits given is a padding zero (charCodeAt there is NaN).
  if (trim) while (kept > 0 && (length - 1 - (k - kept) < 0 || digits.charCodeAt(length - 1 - (k - kept)) === 48)) kept--;
  const whole = length > k ? digits.slice(0, length - k) : '0';
  if (kept === 0) return sign + whole;
  const fraction = length >= k ? digits.slice(length - k, length - k + kept) : zeros(k - length) + digits.slice(0, kept - (k - length));
  return `${sign}${whole}.${fraction}`;
}

const ZEROS = '0'.repeat(64);

function zeros(count: number): string {
  return count <= ZEROS.length ? ZEROS.slice(0, count) : '0'.repeat(count);
}

export function exponentText(u: bigint, exponent: number): string {
  const digits = abs(u).toString().replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${u < 0n ? '-' : ''}${mantissa}e${exponent > 0 ? '+' : ''}${exponent}`;
}
