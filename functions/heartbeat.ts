import { SFNClient } from '@aws-sdk/client-sfn';
import { createHeartbeatHandler } from '../lib/runtime/lambda/heartbeat/createHeartbeatHandler.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

/**
 * heartbeat, on its schedule (every 5 minutes by default) and at once on every change of the
 * kill-switch parameter: equity snapshot, health, metrics, drift check (starting
 * reconciliation), and the kill switch's FLATTEN and RUN acted on. The runtime is built once
 * per cold start.
 */
export const handler = createHeartbeatHandler(new LambdaRuntime(process.env, { sfn: new SFNClient({ maxAttempts: 4 }) }));
