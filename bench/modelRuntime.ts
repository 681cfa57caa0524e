// The model strategy's cost in the decide function: the bytes its runtime adds to the asset
// (onnxruntime-node's linux-arm64 files, onnxruntime-common, models/; see
// cdk/bundling/modelRuntimeFiles.ts), the time a fresh process takes to import onnxruntime
// and load the shipped checkpoint, against importing all of ccxt in the same run, and the
// per-candle time of features + inference, live (one session run per candle) and in a
// backtest (the series scored ahead in batches) (bench/scenarios/modelInference.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SAMPLES = 5;

function directoryBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + directoryBytes(join(path, name)), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** What `script` (an ES module body run by a fresh plain node) prints: its own timing, node's start-up excluded. */
function freshProcessMs(script: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop());
}

/** What decide's first model decision adds to its init: onnxruntime imported, the checkpoint read and a session made (plain node, no TypeScript loader). */
const LOAD_MODEL = `
import { readFile } from 'node:fs/promises';
const started = performance.now();
const ort = await import('onnxruntime-node');
const session = await ort.InferenceSession.create(await readFile('models/default/model.onnx'), { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
await session.run({ features: new ort.Tensor('float32', new Float32Array(13), [1, 13]) });
console.log(performance.now() - started);`;
const IMPORT_CCXT = `
const started = performance.now();
await import('ccxt');
console.log(performance.now() - started);`;

export function measureModelRuntime(): Record<string, unknown> {
  const modules = join(ROOT, 'node_modules');
  const runtimeBytes =
    directoryBytes(join(modules, 'onnxruntime-node/bin/napi-v6/linux/arm64')) +
    directoryBytes(join(modules, 'onnxruntime-node/dist')) +
    directoryBytes(join(modules, 'onnxruntime-node/package.json')) +
    directoryBytes(join(modules, 'onnxruntime-common'));
  const checkpointBytes = directoryBytes(join(ROOT, 'models'));
  freshProcessMs(LOAD_MODEL);
  const loadMs: number[] = [];
  const ccxtMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    loadMs.push(freshProcessMs(LOAD_MODEL));
    ccxtMs.push(freshProcessMs(IMPORT_CCXT));
  }
  const scenario = fileURLToPath(new URL('./scenarios/modelInference.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', scenario, '../shared/data/candles/ETH_BTC-1m.json', '14000'], { cwd: ROOT, encoding: 'utf8' });
  const inference = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number | string | undefined>;
  const modelLoadMs = Number(median(loadMs).toFixed(1));
  const ccxtFullImportMs = Number(median(ccxtMs).toFixed(1));
  return {
    inferenceUsPerCandle: inference.inferenceUsPerCandle,
    featuresUsPerCandle: inference.featuresUsPerCandle,
    candles: inference.candles,
    inferenceTiming: inference.timing,
    inferenceUsPerCandleMedianRound: inference.inferenceUsPerCandleMedianRound,
    batchedBacktestUsPerCandle: inference.batchedBacktestUsPerCandle,
    batchedBacktestUsPerCandleMedianRun: inference.batchedBacktestUsPerCandleMedianRun,
    batchRows: inference.batchRows,
    loadAverage1m: inference.loadAverage1m,
    decideRuntime: {
      where: 'decide asset node_modules (external to the esbuild bundle), linux-arm64 only',
      runtimeBytes,
      checkpointBytes,
      modelLoadMs,
      ccxtFullImportMs,
    },
    goals: {
      inferenceUsPerCandle: 50,
      inferenceUnderGoal: Number(inference.inferenceUsPerCandle ?? Infinity) <= 50,
      modelLoadUnderHalfCcxt: modelLoadMs < ccxtFullImportMs / 2,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(measureModelRuntime(), null, 2));
