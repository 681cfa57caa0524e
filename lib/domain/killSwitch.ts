export const KILL_SWITCH_STATES = ['RUN', 'PAUSE_ENTRIES', 'HALT', 'FLATTEN'] as const;
export type KillSwitchState = (typeof KILL_SWITCH_STATES)[number];

/** Any value that is not a known state reads as HALT: the switch fails closed. */
export function parseKillSwitch(value: string | undefined): { state: KillSwitchState; valid: boolean } {
  const v = value?.trim();
  return (KILL_SWITCH_STATES as readonly string[]).includes(v ?? '')
    ? { state: v as KillSwitchState, valid: true }
    : { state: 'HALT', valid: false };
}
