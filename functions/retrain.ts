import { createRetrainHandler } from '../lib/runtime/lambda/retrain/createRetrainHandler.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

/**
 * retrain, on its schedule when the stack is deployed with `-c retrain=weekly` (or daily):
 * a challenger checkpoint from the captured candles, run as the shadow "challenger". The
 * runtime is built once per cold start.
 */
export const handler = createRetrainHandler(new LambdaRuntime());
