import { createDecideHandler } from '../lib/runtime/lambda/decide/createDecideHandler.js';
import { preloadModelClient } from '../lib/runtime/lambda/decide/preloadModelClient.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

const runtime = new LambdaRuntime();
await preloadModelClient(runtime.config.strategy);
export const handler = createDecideHandler(runtime);
