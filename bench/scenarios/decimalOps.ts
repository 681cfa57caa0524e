// Nanoseconds per operation of the money type (lib/domain/decimal.ts) and of decimal.js, the
// library it replaced, set up as it was (40 digits, half-even), on the values a backtest
// handles: prices of 8 places, balances of 16, a fee rate. Prints one JSON line.
import { Decimal as DecimalJs } from 'decimal.js';
import { Decimal } from '../../lib/domain/decimal.js';

const OPERATIONS = 400_000;
const Theirs = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

interface Values {
  readonly parse: (text: string) => unknown;
  readonly fromFloat: (value: number) => unknown;
  readonly price: { times(x: unknown): unknown; dividedBy(x: unknown): unknown; gt(x: unknown): boolean };
  readonly balance: { plus(x: unknown): unknown; toDecimalPlaces(dp: number, rm: number): unknown; toFixed(): string };
  readonly fee: unknown;
}

const texts = Array.from({ length: 1024 }, (_, i) => (0.00173419736440041 * (1 + i / 1000)).toFixed(16));
const floats = Array.from({ length: 1024 }, (_, i) => 0.0534567812 * (1 + i / 1e5));

function measure(values: Values): Record<string, number> {
  const cases: Record<string, (i: number) => unknown> = {
    parseText: (i) => values.parse(texts[i & 1023] as string),
    fromFloat: (i) => values.fromFloat(floats[i & 1023] as number),
    times: () => values.price.times(values.fee),
    plus: () => values.balance.plus(values.price),
    compare: () => values.price.gt(values.balance),
    toDecimalPlaces: () => values.balance.toDecimalPlaces(8, 3),
    dividedBy: () => values.price.dividedBy(values.fee),
    toFixed: () => values.balance.toFixed(),
  };
  const result: Record<string, number> = {};
  let sink = 0;
  for (const [name, run] of Object.entries(cases)) {
    for (let i = 0; i < 20_000; i++) if (run(i) === undefined) sink++;
    const started = performance.now();
    for (let i = 0; i < OPERATIONS; i++) if (run(i) === undefined) sink++;
    result[name] = Math.round(((performance.now() - started) * 1e6) / OPERATIONS);
  }
  if (sink !== 0) throw new Error('an operation gave nothing');
  return result;
}

const ours = measure({
  parse: (text) => new Decimal(text),
  fromFloat: (value) => new Decimal(value),
  price: new Decimal('0.05345678'),
  balance: new Decimal('0.0017341973644004'),
  fee: new Decimal('1.001'),
});
const theirs = measure({
  parse: (text) => new Theirs(text),
  fromFloat: (value) => new Theirs(value),
  price: new Theirs('0.05345678'),
  balance: new Theirs('0.0017341973644004'),
  fee: new Theirs('1.001'),
});
console.log(JSON.stringify({ nanosecondsPerOperation: ours, decimalJsNanosecondsPerOperation: theirs }));
