import type { KillSwitchState } from '../../../lib/domain/killSwitch.js';

/** What an operator (or a script gone wrong) can leave in the kill-switch parameter. */
export interface KillSwitchCase {
  readonly name: string;
  /** The parameter's value; undefined: SSM returned the parameter without one. */
  readonly value: string | undefined;
}

/** Not a known state: each must read as HALT, with the value logged. */
export const INVALID_KILL_SWITCH_VALUES: readonly KillSwitchCase[] = [
  { name: 'no value at all', value: undefined },
  { name: 'an empty string', value: '' },
  { name: 'only whitespace', value: ' \n' },
  { name: 'RUN in lower case', value: 'run' },
  { name: 'RUN in mixed case', value: 'Run' },
  { name: 'HALT in lower case, with a space', value: 'halt ' },
  { name: 'a state that does not exist', value: 'STOP' },
  { name: 'a state with a typo', value: 'RUNN' },
  { name: 'PAUSE without ENTRIES', value: 'PAUSE' },
  { name: 'PAUSE-ENTRIES with a dash', value: 'PAUSE-ENTRIES' },
  { name: 'two states', value: 'RUN HALT' },
  { name: 'two states on two lines', value: 'RUN\nHALT' },
  { name: 'a state and a comment', value: 'RUN # resumed by ops' },
  { name: 'RUN with a zero-width space', value: 'RUN\u200B' },
  { name: 'RUN behind a NUL', value: '\u0000RUN' },
  { name: 'a JSON string', value: '"RUN"' },
  { name: 'a JSON object', value: '{"state":"RUN"}' },
  { name: 'a JSON array', value: '["RUN"]' },
  { name: 'a boolean', value: 'true' },
  { name: 'a number', value: '1' },
  { name: 'the text null', value: 'null' },
  { name: 'a very long value', value: 'RUN'.repeat(1_400) },
];

/** Known states with whitespace around them (a newline from `echo`): read as the state they name. */
export const PADDED_KILL_SWITCH_VALUES: readonly (KillSwitchCase & { readonly state: KillSwitchState })[] = [
  { name: 'RUN with a trailing newline', value: 'RUN\n', state: 'RUN' },
  { name: 'HALT between spaces', value: '  HALT  ', state: 'HALT' },
  { name: 'PAUSE_ENTRIES after a tab', value: '\tPAUSE_ENTRIES', state: 'PAUSE_ENTRIES' },
  { name: 'FLATTEN with CRLF', value: 'FLATTEN\r\n', state: 'FLATTEN' },
];

/** Reads that fail: each must read as HALT, with the error logged and not cached. */
export const UNREADABLE_KILL_SWITCH: readonly { readonly name: string; readonly error: Error }[] = [
  { name: 'the parameter does not exist', error: Object.assign(new Error('Parameter /badinput/kill-switch not found.'), { name: 'ParameterNotFound' }) },
  { name: 'access is denied', error: Object.assign(new Error('not authorized to perform ssm:GetParameter'), { name: 'AccessDeniedException' }) },
  { name: 'SSM throttles', error: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }) },
  { name: 'the connection times out', error: Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }) },
];
