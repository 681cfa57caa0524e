// Pure helpers of the function benchmark (bench/functionBundles.ts): sample statistics,
// bundle composition from an esbuild metafile, the goal checks, and merging into results.json.
// No I/O here, so test/unit/bench/ can check them with exact values.

/** The middle value; the mean of the two middle values for an even count. NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Nearest-rank percentile (p in (0, 100]): the smallest sample with at least p% of samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export interface TimingSummary {
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Median, p90, min and max of timings in ms, to 0.1 ms. */
export function summarize(values: readonly number[]): TimingSummary {
  return {
    medianMs: round1(median(values)),
    p90Ms: round1(percentile(values, 90)),
    minMs: round1(values.length === 0 ? NaN : Math.min(...values)),
    maxMs: round1(values.length === 0 ? NaN : Math.max(...values)),
    samples: values.length,
  };
}

/**
 * The package an esbuild metafile input belongs to: the last `node_modules/<pkg>` (scoped
 * names kept whole, so a nested copy counts as its own package), else the input's first
 * path segment (`lib`, `functions`, `test`, `cdk`); `<stdin>` for an stdin entry.
 */
export function packageOf(input: string): string {
  const path = input.replace(/\\/g, '/').replace(/^[a-z-]+:/, '');
  const matches = [...path.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = matches.at(-1);
  if (last?.[1] !== undefined) return last[1];
  return path.split('/').find((segment) => segment !== '' && segment !== '.' && segment !== '..') ?? path;
}

/** The part of an esbuild metafile these helpers read. */
export interface MetafileLike {
  readonly outputs: Readonly<Record<string, { readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>> }>>;
}

/** Output bytes per package over the JavaScript outputs (source maps list no inputs), largest first. */
export function bytesByPackage(metafile: MetafileLike): Record<string, number> {
  const totals = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return Object.fromEntries([...totals].sort(([nameA, a], [nameB, b]) => b - a || nameA.localeCompare(nameB)));
}

/** The `count` packages contributing most output bytes, largest first (ties by name). */
export function topInputs(metafile: MetafileLike, count = 8): Record<string, number> {
  return Object.fromEntries(Object.entries(bytesByPackage(metafile)).slice(0, count));
}

/** The AWS SDK v3 and the packages only it pulls in; what the Node.js Lambda runtime ships. */
export function isAwsSdkPackage(name: string): boolean {
  return /^@(aws-sdk|smithy|aws-crypto)\//.test(name) || name === '@aws/lambda-invoke-store';
}

/** Sum of the bytes of the packages `include` selects. */
export function sumBytes(byPackage: Readonly<Record<string, number>>, include: (name: string) => boolean): number {
  return Object.entries(byPackage).reduce((total, [name, bytes]) => (include(name) ? total + bytes : total), 0);
}

/** Issue 5's size goal for decide, in bytes (decimal megabytes, as the bundles are quoted: "about 1.3 MB"). */
export const DECIDE_BUNDLE_LIMIT_BYTES = 1_500_000;

export interface FunctionGoalInput {
  readonly bundleBytes: number;
  readonly initMs: number;
  readonly ccxtLoadedAtInit: boolean;
  /** initMs of a bot on the llm strategy with Bedrock, which loads the Bedrock client at init (issue 19). */
  readonly initMsLlmBedrock?: number;
}

export interface FunctionGoals {
  /** null until functions/decide.ts exists. */
  readonly decideUnder1_5MB: boolean | null;
  readonly decideInitUnderHalfCcxt: boolean | null;
  readonly decideNoCcxtAtInit: boolean | null;
  /** null until decide is measured with the llm strategy on Bedrock. */
  readonly decideLlmBedrockInitUnderHalfCcxt: boolean | null;
  readonly decideBundleLimitBytes: number;
  readonly decideInitLimitMs: number;
}

/** Issue 5's goals for decide (and issue 19's, with the Bedrock client); reported, never enforced. */
export function decideGoals(decide: FunctionGoalInput | undefined, ccxtFullImportMs: number): FunctionGoals {
  const decideInitLimitMs = round1(ccxtFullImportMs / 2);
  return {
    decideUnder1_5MB: decide ? decide.bundleBytes <= DECIDE_BUNDLE_LIMIT_BYTES : null,
    decideInitUnderHalfCcxt: decide ? decide.initMs < ccxtFullImportMs / 2 : null,
    decideNoCcxtAtInit: decide ? !decide.ccxtLoadedAtInit : null,
    decideLlmBedrockInitUnderHalfCcxt: decide?.initMsLlmBedrock !== undefined ? decide.initMsLlmBedrock < ccxtFullImportMs / 2 : null,
    decideBundleLimitBytes: DECIDE_BUNDLE_LIMIT_BYTES,
    decideInitLimitMs,
  };
}

/**
 * results.json after a run: the previous results with each section a scenario produced
 * replaced whole (so a function that no longer exists drops out), other sections kept,
 * and `machine` refreshed.
 */
export function mergeResults(
  previous: Readonly<Record<string, unknown>>,
  sections: Readonly<Record<string, unknown>>,
  machine: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return { ...previous, machine, ...sections };
}

/**
 * Each round's `b − a`, for two targets sampled once per round (one process right after the
 * other): the load of that moment hits both, so the median difference says more about what `b`
 * adds than the difference of the medians. Rounds where one of them has no sample are skipped.
 */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const count = Math.min(a.length, b.length);
  return Array.from({ length: count }, (_, round) => (b[round] ?? NaN) - (a[round] ?? NaN));
}
