import { fileURLToPath } from 'node:url';

const stub = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * Modules every function bundle replaces with a stub: code ccxt carries that the bot never
 * runs. Each stub's comment says why it is safe. Shared by TraderFunction and the bundle
 * benchmark, so the benchmark measures what deploys.
 */
export const BUNDLING_ALIASES: Readonly<Record<string, string>> = {
  protobufjs: stub('protobufjs'),
  undici: stub('undici'),
  ws: stub('ws'),
};
