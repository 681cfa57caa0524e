import type { Awaitable } from '../domain/awaitable.js';
import type { KillSwitchState } from '../domain/killSwitch.js';

/** Read before every order; an unreadable switch reads as HALT. */
export interface KillSwitch {
  read(): Awaitable<KillSwitchState>;
}

/**
 * Sets the switch where the bot reads it; the change reaches heartbeat as it does from
 * `npm run kill-switch` (RUN starts reconciliation, FLATTEN flattens).
 */
export interface KillSwitchControl {
  set(state: KillSwitchState): Promise<void>;
}
