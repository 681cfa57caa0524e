import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';

/** A kill switch held in memory; tests and the backtest set it directly. */
export class FixedKillSwitch implements KillSwitch {
  constructor(public state: KillSwitchState = 'RUN') {}

  read(): KillSwitchState {
    return this.state;
  }
}
