import { createMaintenanceHandler } from '../lib/runtime/lambda/maintenance/createMaintenanceHandler.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

/**
 * maintenance, on its schedule (hourly by default): stale intents flagged, yesterday's and
 * today's statistics rolled up, and retention pruning where TTL does not reach. The runtime
 * is built once per cold start.
 */
export const handler = createMaintenanceHandler(new LambdaRuntime());
