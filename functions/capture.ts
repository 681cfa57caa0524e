import { createCaptureHandler } from '../lib/runtime/lambda/capture/createCaptureHandler.js';
import { createSqsClient } from '../lib/adapters/sqs/createSqsClient.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

/**
 * capture, on its schedule (every minute by default): closed candles and the ticker of every
 * configured series into the market table, one decision message per newly closed candle,
 * and in paper mode the paper venue's fills. The runtime is built once per cold start.
 */
export const handler = createCaptureHandler(new LambdaRuntime(process.env, { sqs: createSqsClient() }));
