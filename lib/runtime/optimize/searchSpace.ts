import * as z from 'zod';
import { RiskConfigSchema } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';
import { readJsonFile } from '../readJsonFile.js';

const IntRange = z.strictObject({ type: z.literal('int'), min: z.number().int(), max: z.number().int() });
const FloatRange = z.strictObject({ type: z.literal('float'), min: z.number().finite(), max: z.number().finite(), log: z.boolean().default(false) });
const Choice = z.strictObject({ type: z.literal('choice'), values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) });

export const ParamRangeSchema = z
  .discriminatedUnion('type', [IntRange, FloatRange, Choice])
  .superRefine((range, ctx) => {
    if (range.type === 'choice') return;
    if (range.min >= range.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be above min (min ${range.min}, max ${range.max})` });
    if (range.type === 'float' && range.log && range.min <= 0) ctx.addIssue({ code: 'custom', path: ['min'], message: 'must be positive on a log scale' });
  });
export type ParamRange = z.output<typeof ParamRangeSchema>;

const riskKeys = Object.keys(RiskConfigSchema.shape) as [string, ...string[]];

/**
 * What a search may vary: the strategy's params by name (the strategy's own schema checks each
 * drawn set), and numeric risk limits by their RiskConfig name.
 */
export const SearchSpaceSchema = z
  .strictObject({
    strategy: z.record(z.string(), ParamRangeSchema).default({}),
    risk: z.partialRecord(z.enum(riskKeys), ParamRangeSchema).default({}),
  })
  .refine((space) => Object.keys(space.strategy).length + Object.keys(space.risk).length > 0, { message: 'has no parameter to search' });
export type SearchSpace = z.output<typeof SearchSpaceSchema>;

/** One point of a space: `strategy.fastPeriod` → 12. */
export type ParamSet = Readonly<Record<string, number | string | boolean>>;

export interface SpaceDimension {
  readonly name: string;
  readonly range: ParamRange;
}

/** The space's parameters in a fixed order, strategy ones first, named `strategy.x` / `risk.y`. */
export function dimensions(space: SearchSpace): SpaceDimension[] {
  return [
    ...Object.entries(space.strategy).map(([key, range]) => ({ name: `strategy.${key}`, range })),
    ...Object.entries(space.risk).flatMap(([key, range]) => (range === undefined ? [] : [{ name: `risk.${key}`, range }])),
  ];
}

/** Splits a point into the strategy's params and the risk overrides. */
export function splitParams(params: ParamSet): { strategy: Record<string, unknown>; risk: Record<string, unknown> } {
  const strategy: Record<string, unknown> = {};
  const risk: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.startsWith('strategy.')) strategy[name.slice('strategy.'.length)] = value;
    else if (name.startsWith('risk.')) risk[name.slice('risk.'.length)] = value;
  }
  return { strategy, risk };
}

/** Each built-in strategy's default space, used when `--space` is not given. */
export const DEFAULT_SPACES: Readonly<Record<string, SearchSpace>> = {
  'ema-crossover': parseWith(SearchSpaceSchema, {
    strategy: {
      fastPeriod: { type: 'int', min: 3, max: 30 },
      slowPeriod: { type: 'int', min: 10, max: 120 },
      atrPeriod: { type: 'int', min: 5, max: 30 },
      stopAtr: { type: 'float', min: 0.5, max: 5 },
      targetAtr: { type: 'float', min: 1, max: 10 },
    },
    risk: { riskPerTradePct: { type: 'float', min: 0.002, max: 0.03, log: true } },
  }, 'default space ema-crossover'),
  'rsi-mean-reversion': parseWith(SearchSpaceSchema, {
    strategy: {
      period: { type: 'int', min: 3, max: 40 },
      oversold: { type: 'float', min: 10, max: 45 },
      atrPeriod: { type: 'int', min: 5, max: 30 },
      stopAtr: { type: 'float', min: 0.5, max: 5 },
      targetAtr: { type: 'float', min: 1, max: 10 },
    },
    risk: { riskPerTradePct: { type: 'float', min: 0.002, max: 0.03, log: true } },
  }, 'default space rsi-mean-reversion'),
};

/** The space file validated, or the strategy's default space when there is no file. */
export async function loadSearchSpace(file: string | undefined, strategy: string): Promise<SearchSpace> {
  if (file !== undefined) return parseWith(SearchSpaceSchema, await readJsonFile(file), file);
  const space = Object.hasOwn(DEFAULT_SPACES, strategy) ? DEFAULT_SPACES[strategy] : undefined;
  if (space === undefined) throw new InvalidInputError('--space', `strategy ${strategy} has no default search space; give one (default spaces: ${Object.keys(DEFAULT_SPACES).join(', ')})`);
  return space;
}
