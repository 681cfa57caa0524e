// The cold-start cost of the exchange gateway: one esbuild bundle that loads the gateway with
// binance only, its size, and the median time a fresh `node` takes to import it.
// Alone: `npx tsx bench/exchangeBundle.ts`; bench/run.ts can call measureExchangeBundle().
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLING_ALIASES } from '../cdk/bundling/bundlingAliases.js';
import { MODEL_RUNTIME_EXTERNALS } from '../cdk/bundling/modelRuntimeFiles.js';
import { UNLOADABLE_CCXT_MODULES } from '../cdk/bundling/unloadableCcxtModules.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, type Plugin, build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;

/**
 * ccxt's base class lazily imports dYdX protobuf code and a MEXC decoder that need the
 * optional `protobufjs`; a bundle replaces them with a module that throws if ever loaded
 * (only those two venues load them).
 */
export const ccxtOptionalModulesPlugin: Plugin = {
  name: 'ccxt-optional-modules',
  setup(builder) {
    builder.onResolve({ filter: /dydx-v4-client\/(registry|cosmos\/)|protobuf\/mexc\/|^protobufjs\// }, (args) => ({ path: args.path, namespace: 'ccxt-optional' }));
    builder.onLoad({ filter: /.*/, namespace: 'ccxt-optional' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled: it needs protobufjs`)});`,
      loader: 'js',
    }));
  },
};

/** The options a Lambda bundle of one exchange needs: `define` folds the other exchanges away. */
export function exchangeBundleOptions(exchangeId: string): BuildOptions {
  return {
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { 'process.env.TRADER_CCXT_EXCHANGE': JSON.stringify(exchangeId) },
    plugins: [ccxtOptionalModulesPlugin],
    // ESM output: give bundled CommonJS a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  };
}

/**
 * What cdk/constructs/TraderFunction.ts has NodejsFunction pass esbuild, as build options:
 * `esbuild --bundle <entry> --target=node22 --platform=node --format=esm --minify --sourcemap
 * --sources-content=false --define:… --banner:js=… --main-fields=module,main
 * --alias:<module>=<stub> for each BUNDLING_ALIASES`, `--external` for MODEL_RUNTIME_EXTERNALS and
 * UNLOADABLE_CCXT_MODULES only (bundleAwsSDK).
 * It extends `exchangeBundleOptions`, overriding where that one differs from the stack:
 * target node20, `node:module` banner, a plugin instead of the protobufjs alias, no main
 * fields or source map. Keep in step with TraderFunction by hand until one module holds both.
 * Pass `absWorkingDir` = the repository root, as CDK runs esbuild there.
 */
export function traderFunctionBundleOptions(exchangeId: string): BuildOptions {
  return {
    ...exchangeBundleOptions(exchangeId),
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    sourcemap: true,
    sourcesContent: false,
    plugins: [],
    alias: { ...BUNDLING_ALIASES },
    external: [...MODEL_RUNTIME_EXTERNALS, ...UNLOADABLE_CCXT_MODULES],
    absWorkingDir: resolve(ROOT),
  };
}

const GATEWAY_ENTRY = `
import { CcxtExchange } from './lib/adapters/ccxt/CcxtExchange.js';
import { silentLogger } from './lib/ports/Logger.js';
export const exchange = await CcxtExchange.fromConfig({ exchangeId: 'binance' }, undefined, { clock: { now: () => Date.now() }, logger: silentLogger });
`;
const ALL_CCXT_ENTRY = `import ccxt from 'ccxt'; export const count = Object.keys(ccxt.exchanges).length;`;

interface Bundle {
  readonly bytes: number;
  /** Output bytes per input package (`ccxt`, `zod`, …; `lib` for our own code). */
  readonly byPackage: Readonly<Record<string, number>>;
}

async function bundle(contents: string, outfile: string, options: BuildOptions): Promise<Bundle> {
  const result = await build({ ...options, stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' }, outfile, metafile: true });
  const byPackage: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'lib';
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
    }
  }
  return { bytes: statSync(outfile).size, byPackage };
}

function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export interface ExchangeBundleResult {
  /** The gateway with binance, minified: ccxt's share, zod (shared with the rest of a function), and our code. */
  readonly bundleBytes: number;
  /** ccxt (base and binance) with the packages it pulls in (undici, ws, @noble, fflate…). */
  readonly ccxtBytes: number;
  readonly zodBytes: number;
  /** Median over fresh node processes of importing the bundle, which builds the gateway. */
  readonly importMs: number;
  /** An entry importing all of ccxt, for comparison. */
  readonly allCcxtBundleBytes: number;
}

const NOT_CCXT = new Set(['lib', 'zod', 'decimal.js']);

export async function measureExchangeBundle(): Promise<ExchangeBundleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exchange-bundle-'));
  try {
    const gateway = join(dir, 'gateway.mjs');
    const one = await bundle(GATEWAY_ENTRY, gateway, exchangeBundleOptions('binance'));
    const times = Array.from({ length: RUNS }, () => importMs(gateway));
    const all = await bundle(ALL_CCXT_ENTRY, join(dir, 'all.mjs'), exchangeBundleOptions('binance'));
    const ccxtBytes = Object.entries(one.byPackage).reduce((total, [name, bytes]) => (NOT_CCXT.has(name) ? total : total + bytes), 0);
    return {
      bundleBytes: one.bytes,
      ccxtBytes,
      zodBytes: one.byPackage['zod'] ?? 0,
      importMs: Number(median(times).toFixed(1)),
      allCcxtBundleBytes: all.bytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify({ exchange: await measureExchangeBundle() }));
}
