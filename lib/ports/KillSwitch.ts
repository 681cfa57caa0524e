import type { Awaitable } from '../domain/awaitable.js';
import type { KillSwitchState } from '../domain/killSwitch.js';

/** Read before every order; an unreadable switch reads as HALT. */
export interface KillSwitch {
  read(): Awaitable<KillSwitchState>;
}
