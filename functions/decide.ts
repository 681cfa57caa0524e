import { createDecideHandler } from '../lib/runtime/lambda/decide/createDecideHandler.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

export const handler = createDecideHandler(new LambdaRuntime());
