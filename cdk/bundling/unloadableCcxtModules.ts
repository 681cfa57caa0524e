/**
 * ccxt modules every function bundle leaves out, as external paths (esbuild keeps the
 * `import()` that reaches each as it is). ccxt's base Exchange imports them lazily, for mexc
 * (its protobuf decoder, loadExchangeSpecificFiles) and dydx (its transaction protos,
 * loadDydxProtos), and both need protobufjs, which the bundles replace with a stub that
 * throws (bundlingAliases.ts): bundled, they could never work. mexc's decoder reads protobufjs
 * as it loads, so its import already failed, and mexc catches that; dydx's protos loaded but
 * threw at their first encode, before any order was signed, and now their import() rejects
 * instead (no such file beside the bundle). No venue loses anything it had. About 0.13 MB
 * less in every function that carries ccxt: the room decide needs to bundle the Bedrock client
 * within its 1.5 MB (bench/results.json, functions.decide.bundleBytes).
 */
export const UNLOADABLE_CCXT_MODULES: readonly string[] = [
  '*/protobuf/mexc/compiled.cjs',
  '*/dydx-v4-client/registry.js',
  '*/dydx-v4-client/cosmos/tx/v1beta1/tx.js',
  '*/dydx-v4-client/cosmos/tx/signing/v1beta1/signing.js',
];
