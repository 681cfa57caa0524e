/**
 * The model strategy's runtime in the decide function's bundle. onnxruntime-node is native
 * (a 25 MB libonnxruntime.so per platform), so esbuild leaves it external and the bundling
 * copies it into the asset's node_modules, with the linux-arm64 binary only (the functions
 * are arm64), together with onnxruntime-common and the shipped checkpoint in models/. The
 * bot imports it only when the strategy is `model`, so other bots' cold starts do not pay for it.
 */
export const MODEL_RUNTIME_EXTERNALS: readonly string[] = ['onnxruntime-node'];

/** The checkpoints directory, copied beside index.mjs: the default checkpoint resolves from /var/task. */
export const MODELS_DIR = 'models';

/** Shell commands (CDK's afterBundling hook) that copy the runtime and the checkpoints into the asset. */
export function modelRuntimeCopyCommands(inputDir: string, outputDir: string, arch: 'arm64' | 'x64' = 'arm64'): string[] {
  const from = `${inputDir}/node_modules`;
  const to = `${outputDir}/node_modules`;
  const binary = `bin/napi-v6/linux/${arch}`;
  return [
    `mkdir -p "${to}/onnxruntime-node/${binary}"`,
    `cp "${from}/onnxruntime-node/package.json" "${to}/onnxruntime-node/"`,
    `cp -R "${from}/onnxruntime-node/dist" "${to}/onnxruntime-node/"`,
    `cp "${from}/onnxruntime-node/${binary}/"* "${to}/onnxruntime-node/${binary}/"`,
    `cp -R "${from}/onnxruntime-common" "${to}/"`,
    `cp -R "${inputDir}/${MODELS_DIR}" "${outputDir}/"`,
  ];
}
