import { fileURLToPath } from 'node:url';

const stub = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * Modules every function bundle replaces with a stub: code ccxt, the AWS SDK and pino carry
 * that a function never runs. Each stub's comment says why it is safe. Shared by TraderFunction and the bundle
 * benchmark, so the benchmark measures what deploys.
 */
export const BUNDLING_ALIASES: Readonly<Record<string, string>> = {
  protobufjs: stub('protobufjs'),
  undici: stub('undici'),
  ws: stub('ws'),
  // The AWS SDK's default credential chain: in Lambda only its environment link runs.
  '@aws-sdk/credential-provider-node': stub('credential-provider-node'),
  'thread-stream': stub('thread-stream/index.cjs'),
};

/**
 * The aliases of a function that trains a model (retrain): protobufjs is the real one there,
 * since onnx-proto writes the checkpoint's ONNX graph with it (the stub fails at load); the
 * other stubs stay.
 */
export const TRAINER_BUNDLING_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(BUNDLING_ALIASES).filter(([module]) => module !== 'protobufjs'));
