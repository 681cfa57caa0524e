import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundled: Promise<URL> | undefined;

/**
 * trialWorker.ts and everything it imports as one ES module, bundled once per process by
 * esbuild (which tsx itself runs on) into a data: URL. A worker started from it loads one
 * script; started through tsx's loader instead, each worker transpiled every source file
 * again on its own loader thread, some 2 CPU seconds per worker before its first trial.
 * onnxruntime-node (a native addon) stays outside: only the model strategy imports it, on
 * use, and a trial runs the built-in strategies.
 */
export function trialWorkerModule(): Promise<URL> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./trialWorker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['onnxruntime-node'],
    logLevel: 'silent',
  }).then(({ outputFiles }) => new URL(`data:text/javascript;base64,${Buffer.from(outputFiles[0]?.contents ?? []).toString('base64')}`));
  return bundled;
}
