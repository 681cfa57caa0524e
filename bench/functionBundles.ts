// Issue 5's function benchmark: each Lambda handler bundled as the stack bundles it, its size
// and composition, and the median time a fresh `node` takes to import it, against importing
// all of ccxt. `npm run bench -- functions` (results into bench/results.json), or alone:
// `npx tsx bench/functionBundles.ts` (prints the sections, writes nothing).
//
// How initMs is measured: for every target a child `node --input-type=module -e <script>` is
// spawned with the Lambda environment the handler reads at import (readLambdaEnv's variables,
// fake AWS credentials, NODE_OPTIONS=--enable-source-maps as the stack sets). The script takes
// `performance.now()` around `await import(<bundle file URL>)` (evaluation and top-level
// awaits included, node's own start-up excluded) and prints it. One untimed warm-up round
// fills the page cache; then SAMPLES rounds run every target once each, one process at a
// time and interleaved, so the machine's noise spreads over all targets alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, type Metafile, type Plugin, build, version as esbuildVersion } from 'esbuild';
import { type BotConfig, BotConfigSchema } from '../lib/domain/botConfig.js';
import { LAMBDA_ENV, TABLE_ENV, readLambdaEnv } from '../lib/runtime/lambda/env.js';
import { METRICS_SERVICE_NAME, metricsNamespace } from '../lib/runtime/lambda/metricNames.js';
import { NOTIFIER_ENV } from '../lib/runtime/lambda/notifier/notifierEnv.js';
import { OPTIMIZER_BUCKET_ENV } from '../lib/runtime/lambda/optimize/createTrialBatchHandler.js';
import { traderFunctionBundleOptions } from './exchangeBundle.js';
import { TRAINER_BUNDLING_ALIASES } from '../cdk/bundling/bundlingAliases.js';
import { RETRAIN_FUNCTION_NAMES } from '../cdk/functionEntries.js';
import { type TimingSummary, bytesByPackage, decideGoals, isAwsSdkPackage, pairedDifferences, sumBytes, summarize, topInputs } from './functionStats.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The handlers the stack deploys (cdk/constructs/TraderFunctions.ts). */
const EXPECTED_FUNCTIONS = ['capture', 'decide', 'heartbeat', 'maintenance'] as const;
/** Stand-ins while functions/ has no handler: the infra tests bundle these. */
const FIXTURE_ENTRIES = ['test/infra/fixtures/handler.ts', 'test/infra/fixtures/ccxtHandler.ts'];
/** Fresh processes per measure (issue 5 asks at least 10; odd, so the median is a sample). */
const SAMPLES = Math.max(10, Number(process.env.BENCH_INIT_SAMPLES ?? 11));
/**
 * Processes for decide's default and llm/Bedrock configurations and `import 'ccxt'`, the three
 * figures the llm goal compares: after the SAMPLES rounds, extra rounds run these three alone,
 * one after the other, so the goal rests on more samples taken under the same load.
 */
const LLM_GOAL_SAMPLES = Math.max(SAMPLES, Number(process.env.BENCH_LLM_INIT_SAMPLES ?? 25));
/** What TraderFunction sets in every function's environment. */
const LAMBDA_NODE_OPTIONS = '--enable-source-maps';
const REPORT_MARK = 'BENCH_INIT ';
const CCXT_MARKER = '__benchCcxtModules';

interface FunctionEntry {
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  readonly fixture: boolean;
}

interface EntrySelection {
  readonly entries: readonly FunctionEntry[];
  readonly source: string;
  readonly missing: readonly string[];
}

/**
 * Every `functions/*.ts` (not tests or declarations); the fixture handlers when there is none.
 * BENCH_FUNCTIONS=fixtures measures the fixtures anyway, =all both.
 */
export function findFunctionEntries(root = ROOT, mode = process.env.BENCH_FUNCTIONS ?? ''): EntrySelection {
  const dir = join(root, 'functions');
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts')).sort() : [];
  const found = files.map((file) => ({ name: file.replace(/\.ts$/, ''), entry: `functions/${file}`, fixture: false }));
  const fixtures = FIXTURE_ENTRIES.map((entry) => ({ name: entry.replace(/^.*\/|\.ts$/g, ''), entry, fixture: true }));
  const missing = EXPECTED_FUNCTIONS.filter((name) => !found.some((entry) => entry.name === name));
  if (mode === 'all') return { entries: [...found, ...fixtures], source: 'functions/ and test/infra/fixtures (BENCH_FUNCTIONS=all)', missing };
  if (mode === 'fixtures') return { entries: fixtures, source: 'test/infra/fixtures (BENCH_FUNCTIONS=fixtures)', missing };
  if (found.length > 0) return { entries: found, source: 'functions/', missing };
  return { entries: fixtures, source: 'test/infra/fixtures (functions/ has no *.ts yet)', missing };
}

/**
 * Whether importing a bundle evaluates any ccxt code. A second build of the same entry with
 * the same options appends one statement to every ccxt module esbuild loads, pushing the
 * module's path onto a global array. esbuild keeps a module's statements in its own scope:
 * a statically imported module runs at import; one reached only through `import()` or
 * `require()` sits in a lazy wrapper that runs when first called. So the array after
 * `await import(bundle)` lists exactly the ccxt modules that ran at init. (It is a separate
 * build because the appended statements change the bytes; the measured bundle is untouched.
 * ccxt has `sideEffects: false`, so a module whose exports go unused is still dropped.)
 */
const ccxtEvaluationMarker: Plugin = {
  name: 'bench-ccxt-evaluation-marker',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/]ccxt[\\/].*\.[cm]?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const id = JSON.stringify(relative(join(ROOT, 'node_modules'), args.path).replace(/\\/g, '/'));
      return { contents: `${source}\n;(globalThis.${CCXT_MARKER} ??= []).push(${id});\n`, loader: 'js' };
    });
  },
};

interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly metafile: Metafile;
}

type EntryPoint = { readonly file: string } | { readonly contents: string; readonly name: string };

async function bundle(entry: EntryPoint, outfile: string, options: BuildOptions): Promise<BuiltBundle> {
  const input: BuildOptions =
    'file' in entry ? { entryPoints: [join(ROOT, entry.file)] } : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts', sourcefile: entry.name } };
  const result = await build({ ...options, ...input, outfile, metafile: true });
  const map = `${outfile}.map`;
  return { file: outfile, bytes: statSync(outfile).size, sourceMapBytes: existsSync(map) ? statSync(map).size : 0, metafile: result.metafile };
}

function repositoryConfig(): BotConfig {
  return BotConfigSchema.parse(JSON.parse(readFileSync(join(ROOT, 'config', 'bot.json'), 'utf8')));
}

/**
 * config/bot.json with the `llm` strategy on Bedrock (its default provider and model): decide
 * then loads the Bedrock client at init (lib/runtime/lambda/decide/preloadModelClient.ts).
 */
export function llmBedrockConfig(config: BotConfig = repositoryConfig()): BotConfig {
  return BotConfigSchema.parse({ ...config, strategy: { name: 'llm', params: { provider: 'bedrock' } } });
}

/** The variables a handler reads at import, valid for readLambdaEnv, with fake AWS values. */
export function lambdaEnvironment(functionName: string, config: BotConfig = repositoryConfig()): Record<string, string> {
  const tables = Object.fromEntries(Object.entries(TABLE_ENV).map(([id, name]) => [name, `bench-${id}`]));
  const variables: Record<string, string> = {
    ...tables,
    [LAMBDA_ENV.DECISION_QUEUE_URL]: 'https://sqs.us-east-1.amazonaws.com/123456789012/x.fifo',
    [LAMBDA_ENV.KILL_SWITCH_PARAMETER]: '/bench/kill-switch',
    [LAMBDA_ENV.RUNTIME_CONFIG_PARAMETER]: '/bench/runtime-config',
    [LAMBDA_ENV.EXCHANGE_CREDENTIALS_PARAMETER]: '/bench/exchange-credentials',
    [LAMBDA_ENV.BOT_CONFIG]: JSON.stringify(config),
    [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench-reconcile',
    [LAMBDA_ENV.POWERTOOLS_METRICS_NAMESPACE]: metricsNamespace(config.botId),
    [LAMBDA_ENV.POWERTOOLS_SERVICE_NAME]: METRICS_SERVICE_NAME,
    [LAMBDA_ENV.LOG_LEVEL]: 'info',
  };
  // The notifier's own (the stack sets them on it alone).
  variables[NOTIFIER_ENV.NOTIFICATION_PARAMETER] = '/bench/notifications';
  // optimizeTrials' own (the Optimizer construct sets it).
  variables[OPTIMIZER_BUCKET_ENV] = 'bench-optimizer';
  // retrain's, and decide's when the stack retrains (the Retrainer construct sets it).
  variables[LAMBDA_ENV.CHECKPOINT_BUCKET] = 'bench-checkpoints';
  readLambdaEnv(variables); // throws, naming the variable, if the contract has moved on
  return {
    PATH: process.env.PATH ?? '',
    ...variables,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    // AWS's documented example keys: nothing here may reach AWS.
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `bench-${functionName}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  };
}

interface ChildReport {
  readonly ms: number;
  readonly exportsHandler: boolean;
  readonly ccxtModules: readonly string[];
  /** CommonJS files node loaded by the end of the import (an external package loads its own; a bundle none). */
  readonly commonJsModules: number;
}

/** One fresh node importing `specifier` (a file URL, or a package name resolved from the repository root). */
export function importInFreshNode(specifier: string, env: Readonly<Record<string, string>>): ChildReport {
  const script = [
    'const t0 = performance.now();',
    `const m = await import(${JSON.stringify(specifier)});`,
    'const ms = performance.now() - t0;',
    "const { default: Module } = await import('node:module');",
    `const report = { ms, exportsHandler: typeof m.handler === 'function', ccxtModules: globalThis.${CCXT_MARKER} ?? [], commonJsModules: Object.keys(Module._cache).length };`,
    `process.stdout.write(${JSON.stringify(REPORT_MARK)} + JSON.stringify(report) + '\\n', () => process.exit(0));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw child.error;
  const line = child.stdout.split('\n').find((text) => text.startsWith(REPORT_MARK));
  if (child.status !== 0 || line === undefined) {
    throw new Error(`importing ${specifier} in a fresh node failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(line.slice(REPORT_MARK.length)) as ChildReport;
}

interface Target {
  readonly specifier: string;
  readonly env: Readonly<Record<string, string>>;
  readonly samples: number[];
  /** The most recent sample's count of CommonJS files loaded. */
  commonJsModules: number;
}

function target(specifier: string, env: Readonly<Record<string, string>>): Target {
  return { specifier, env, samples: [], commonJsModules: 0 };
}

function sample(t: Target): void {
  const report = importInFreshNode(t.specifier, t.env);
  t.samples.push(report.ms);
  t.commonJsModules = report.commonJsModules;
}

/** Warm-up round, then `rounds` interleaved rounds, each target once per round, one process at a time. */
function sampleAll(targets: readonly Target[], rounds = SAMPLES, label = 'import round'): void {
  for (const t of targets) importInFreshNode(t.specifier, t.env);
  for (let round = 1; round <= rounds; round += 1) {
    process.stderr.write(`bench: functions: ${label} ${round}/${rounds} (${targets.length} processes)…\n`);
    for (const t of targets) sample(t);
  }
}

export interface FunctionResult {
  readonly entry: string;
  readonly fixture: boolean;
  readonly exportsHandler: boolean;
  /** index.mjs as deployed (the zip also carries index.mjs.map, sourceMapBytes). */
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  /** Median import time in a fresh node, with NODE_OPTIONS=--enable-source-maps as deployed. */
  readonly initMs: number;
  readonly initMsP90: number;
  readonly initMsMin: number;
  readonly initMsMax: number;
  /** The same without --enable-source-maps: what the stack's NODE_OPTIONS costs at init. */
  readonly initMsNoSourceMaps: number;
  readonly ccxtLoadedAtInit: boolean;
  readonly ccxtModulesAtInit: number;
  readonly ccxtModulesAtInitSample?: readonly string[];
  readonly ccxtBytes: number;
  /** @aws-sdk/*, @smithy/*, @aws-crypto/* output bytes: what a runtime-provided SDK would save. */
  readonly awsSdkBytes: number;
  /** The same build with `@aws-sdk/*` and `@smithy/*` external (CDK's default on Node ≥ 18). */
  readonly bundleBytesSdkExternal: number;
  /** decide only: initMs with the `llm` strategy on Bedrock configured, which loads the Bedrock client at init. */
  readonly initMsLlmBedrock?: number;
  readonly initMsLlmBedrockP90?: number;
  /** decide only: the median over rounds of (llm/Bedrock − default) init, each pair sampled back to back. */
  readonly initMsLlmBedrockOverDefault?: number;
  /** decide only: processes behind initMs and initMsLlmBedrock (LLM_GOAL_SAMPLES). */
  readonly initSamplesLlmBedrock?: number;
  /** decide only: CommonJS files node loads at init with llm/Bedrock (each one a file an external package reads and compiles; 0 when all is bundled). */
  readonly initCommonJsModulesLlmBedrock?: number;
  /** decide only: initMs of the SDK-external build (the SDK loaded unbundled, as from the runtime), default and llm/Bedrock configurations. */
  readonly initMsSdkExternal?: number;
  readonly initMsSdkExternalLlmBedrock?: number;
  readonly zodBytes: number;
  readonly topInputs: Readonly<Record<string, number>>;
}

export interface FunctionsBenchResult extends Record<string, unknown> {
  readonly functions: Record<string, FunctionResult>;
  readonly baseline: Record<string, unknown>;
  readonly goals: ReturnType<typeof decideGoals>;
  readonly functionsRun: Record<string, unknown>;
}

const ms = (summary: TimingSummary) => summary.medianMs;

export async function measureFunctions(): Promise<FunctionsBenchResult> {
  const config = repositoryConfig();
  const exchangeId = config.exchange.id;
  const options = traderFunctionBundleOptions(exchangeId);
  const selection = findFunctionEntries();
  const loadBefore = Number((loadavg()[0] ?? 0).toFixed(1));
  process.stderr.write(
    `bench: functions: bundling ${selection.entries.map((e) => e.entry).join(', ')} (from ${selection.source})` +
      `${selection.missing.length > 0 ? `; no handler yet for ${selection.missing.join(', ')}` : ''}; ccxt exchange ${exchangeId}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'function-bundles-'));
  // The modules a bundle leaves external (all of the SDK in the SDK-external build) resolve
  // from here, as from the runtime's node_modules in Lambda: the repository's installed
  // versions stand in for the runtime's.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  try {
    const out = (...parts: string[]) => {
      const path = join(dir, ...parts);
      mkdirSync(join(path, '..'), { recursive: true });
      return path;
    };
    const built = [];
    for (const fn of selection.entries) {
      // As TraderFunction bundles it: the retrain function with the real protobufjs (withTrainer).
      const fnOptions = (RETRAIN_FUNCTION_NAMES as readonly string[]).includes(fn.name) ? { ...options, alias: { ...TRAINER_BUNDLING_ALIASES } } : options;
      const real = await bundle({ file: fn.entry }, out(fn.name, 'index.mjs'), fnOptions);
      const marked = await bundle({ file: fn.entry }, out(`${fn.name}.ccxt-marked`, 'index.mjs'), { ...fnOptions, plugins: [...(fnOptions.plugins ?? []), ccxtEvaluationMarker] });
      const sdkExternal = await bundle({ file: fn.entry }, out(`${fn.name}.sdk-external`, 'index.mjs'), { ...fnOptions, external: [...(fnOptions.external ?? []), '@aws-sdk/*', '@smithy/*'] });
      const env = lambdaEnvironment(fn.name);
      const markedReport = importInFreshNode(pathToFileURL(marked.file).href, env);
      built.push({ fn, real, sdkExternal, sdkExternalBytes: sdkExternal.bytes, env, markedReport });
    }

    // Baselines: all of ccxt from its package entry (node_modules, unbundled, as `import 'ccxt'`),
    // the configured exchange alone bundled as a function would carry it, and all of ccxt bundled.
    const oneExchangeEntry = `import { loadExchangeClass } from './lib/adapters/ccxt/loadExchangeClass.js';\nexport const Exchange = await loadExchangeClass(${JSON.stringify(exchangeId)});\n`;
    const oneExchange = await bundle({ contents: oneExchangeEntry, name: 'ccxt-one-exchange.ts' }, out('ccxt-one', 'index.mjs'), options);
    const fullCcxt = await bundle({ contents: "import ccxt from 'ccxt';\nexport const exchanges = ccxt.exchanges.length;\n", name: 'ccxt-all.ts' }, out('ccxt-all', 'index.mjs'), options);
    // The instrument must see ccxt where ccxt surely runs, or its "false" means nothing.
    const check = await bundle({ contents: oneExchangeEntry, name: 'ccxt-one-exchange.ts' }, out('ccxt-one.ccxt-marked', 'index.mjs'), { ...options, plugins: [ccxtEvaluationMarker] });
    const baselineEnv = lambdaEnvironment('baseline');
    if (importInFreshNode(pathToFileURL(check.file).href, baselineEnv).ccxtModules.length === 0) {
      throw new Error('the ccxt evaluation marker saw no ccxt module in a bundle that loads an exchange at import');
    }

    const withMaps = (env: Readonly<Record<string, string>>) => ({ ...env, NODE_OPTIONS: LAMBDA_NODE_OPTIONS });
    const fnTargets = built.map(({ fn, real, sdkExternal, env }) => ({
      deployed: target(pathToFileURL(real.file).href, withMaps(env)),
      noMaps: target(pathToFileURL(real.file).href, env),
      // decide as a bot on the llm strategy with Bedrock runs it, and both configurations with the SDK external, for the bundling decision.
      ...(fn.name === 'decide'
        ? {
            llmBedrock: target(pathToFileURL(real.file).href, withMaps(lambdaEnvironment(fn.name, llmBedrockConfig()))),
            sdkExternal: target(pathToFileURL(sdkExternal.file).href, withMaps(env)),
            sdkExternalLlmBedrock: target(pathToFileURL(sdkExternal.file).href, withMaps(lambdaEnvironment(fn.name, llmBedrockConfig()))),
          }
        : {}),
    }));
    const ccxtFull = target('ccxt', withMaps(baselineEnv));
    const ccxtOne = target(pathToFileURL(oneExchange.file).href, withMaps(baselineEnv));
    const ccxtFullBundled = target(pathToFileURL(fullCcxt.file).href, withMaps(baselineEnv));
    const decideVariants = fnTargets.flatMap((t) => [t.llmBedrock, t.sdkExternal, t.sdkExternalLlmBedrock].filter((v) => v !== undefined));
    sampleAll([...fnTargets.flatMap((t) => [t.deployed, t.noMaps]), ...decideVariants, ccxtFull, ccxtOne, ccxtFullBundled]);
    const decideTargets = fnTargets.find((t) => t.llmBedrock !== undefined);
    if (decideTargets?.llmBedrock !== undefined && LLM_GOAL_SAMPLES > SAMPLES) {
      sampleAll([decideTargets.deployed, decideTargets.llmBedrock, ccxtFull], LLM_GOAL_SAMPLES - SAMPLES, 'llm goal round');
    }

    const functions: Record<string, FunctionResult> = {};
    built.forEach(({ fn, real, sdkExternalBytes, markedReport }, index) => {
      const targets = fnTargets[index];
      if (targets === undefined) return;
      const init = summarize(targets.deployed.samples);
      const byPackage = bytesByPackage(real.metafile);
      const ccxtModules = markedReport.ccxtModules;
      functions[fn.name] = {
        entry: fn.entry,
        fixture: fn.fixture,
        exportsHandler: markedReport.exportsHandler,
        bundleBytes: real.bytes,
        sourceMapBytes: real.sourceMapBytes,
        initMs: init.medianMs,
        initMsP90: init.p90Ms,
        initMsMin: init.minMs,
        initMsMax: init.maxMs,
        initMsNoSourceMaps: ms(summarize(targets.noMaps.samples)),
        ...(targets.llmBedrock
          ? {
              initMsLlmBedrock: ms(summarize(targets.llmBedrock.samples)),
              initMsLlmBedrockP90: summarize(targets.llmBedrock.samples).p90Ms,
              initMsLlmBedrockOverDefault: ms(summarize(pairedDifferences(targets.deployed.samples, targets.llmBedrock.samples))),
              initSamplesLlmBedrock: targets.llmBedrock.samples.length,
              initCommonJsModulesLlmBedrock: targets.llmBedrock.commonJsModules,
            }
          : {}),
        ...(targets.sdkExternal ? { initMsSdkExternal: ms(summarize(targets.sdkExternal.samples)) } : {}),
        ...(targets.sdkExternalLlmBedrock ? { initMsSdkExternalLlmBedrock: ms(summarize(targets.sdkExternalLlmBedrock.samples)) } : {}),
        ccxtLoadedAtInit: ccxtModules.length > 0,
        ccxtModulesAtInit: ccxtModules.length,
        ...(ccxtModules.length > 0 ? { ccxtModulesAtInitSample: ccxtModules.slice(0, 5) } : {}),
        ccxtBytes: byPackage['ccxt'] ?? 0,
        awsSdkBytes: sumBytes(byPackage, isAwsSdkPackage),
        bundleBytesSdkExternal: sdkExternalBytes,
        zodBytes: byPackage['zod'] ?? 0,
        topInputs: topInputs(real.metafile, 8),
      };
    });

    const full = summarize(ccxtFull.samples);
    const one = summarize(ccxtOne.samples);
    const fullBundled = summarize(ccxtFullBundled.samples);
    const baseline = {
      ccxtFullImportMs: full.medianMs,
      ccxtFullImportMsP90: full.p90Ms,
      ccxtFullImportMsMin: full.minMs,
      ccxtFullImportMsMax: full.maxMs,
      ccxtOneExchangeImportMs: one.medianMs,
      ccxtOneExchangeImportMsP90: one.p90Ms,
      ccxtOneExchangeBundleBytes: oneExchange.bytes,
      ccxtFullBundleImportMs: fullBundled.medianMs,
      ccxtFullBundleBytes: fullCcxt.bytes,
    };
    const decide = functions['decide'];
    return {
      functions,
      baseline,
      goals: decideGoals(decide, full.medianMs),
      functionsRun: {
        source: selection.source,
        entries: selection.entries.map((e) => e.entry),
        missing: selection.missing,
        ccxtExchange: exchangeId,
        node: process.version,
        esbuild: esbuildVersion,
        samples: SAMPLES,
        llmGoalSamples: LLM_GOAL_SAMPLES,
        loadAverage1m: { before: loadBefore, after: Number((loadavg()[0] ?? 0).toFixed(1)) },
        warmupRounds: 1,
        nodeOptions: LAMBDA_NODE_OPTIONS,
        method: 'median over fresh node processes of performance.now() around await import(bundle), inside the process',
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => (bytes < 10_000 ? `${bytes} B` : `${(bytes / 1000).toFixed(0)} kB`);

/** A plain table of the run for the terminal. */
export function formatFunctionsTable(result: FunctionsBenchResult): string {
  const rows: string[][] = [['function', 'entry', 'bundle', 'map', 'SDK external', 'initMs p50 (p90, min–max)', 'no maps', 'ccxt at init', 'largest inputs']];
  for (const [name, f] of Object.entries(result.functions)) {
    const top = Object.entries(f.topInputs)
      .slice(0, 4)
      .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
      .join(', ');
    rows.push([
      name,
      f.entry,
      kb(f.bundleBytes),
      kb(f.sourceMapBytes),
      kb(f.bundleBytesSdkExternal),
      `${f.initMs} (${f.initMsP90}, ${f.initMsMin}–${f.initMsMax})`,
      `${f.initMsNoSourceMaps}`,
      f.ccxtLoadedAtInit ? `yes, ${f.ccxtModulesAtInit} modules` : 'no',
      top,
    ]);
  }
  const b = result.baseline as Record<string, number>;
  rows.push(['import ccxt', 'node_modules/ccxt (all)', '', '', '', `${b.ccxtFullImportMs} (${b.ccxtFullImportMsP90}, ${b.ccxtFullImportMsMin}–${b.ccxtFullImportMsMax})`, '', 'yes', '']);
  rows.push(['ccxt one exchange', 'bundled', kb(b.ccxtOneExchangeBundleBytes ?? 0), '', '', `${b.ccxtOneExchangeImportMs} (${b.ccxtOneExchangeImportMsP90})`, '', 'yes', '']);
  rows.push(['ccxt all, bundled', 'bundled', kb(b.ccxtFullBundleBytes ?? 0), '', '', `${b.ccxtFullBundleImportMs}`, '', 'yes', '']);
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const g = result.goals;
  const goal = (value: boolean | null) => (value === null ? 'n/a (no functions/decide.ts)' : value ? 'met' : 'NOT met');
  lines.push(
    '',
    `goals: decide ≤ ${kb(g.decideBundleLimitBytes)}: ${goal(g.decideUnder1_5MB)}; decide initMs < ${g.decideInitLimitMs} ms (half of import ccxt): ${goal(g.decideInitUnderHalfCcxt)}; with llm/Bedrock: ${goal(g.decideLlmBedrockInitUnderHalfCcxt)}; decide loads no ccxt at init: ${goal(g.decideNoCcxtAtInit)}`,
    `run: ${String(result.functionsRun.source)}; node ${String(result.functionsRun.node)}; ${String(result.functionsRun.samples)} processes per measure, NODE_OPTIONS=${LAMBDA_NODE_OPTIONS}`,
  );
  const decide = result.functions['decide'];
  if (decide?.initMsLlmBedrock !== undefined) {
    lines.push(
      `decide with llm/Bedrock: initMs ${decide.initMsLlmBedrock} (p90 ${decide.initMsLlmBedrockP90}) against ${decide.initMs} by default, ${decide.initMsLlmBedrockOverDefault} ms more paired by round, ` +
        `${decide.initSamplesLlmBedrock} processes each; ${decide.initCommonJsModulesLlmBedrock} CommonJS files loaded at init`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await measureFunctions();
  console.log(formatFunctionsTable(result));
  console.log(JSON.stringify(result));
}
