import { describe, expect, it } from 'vitest';
import { parseKillSwitch } from '../../../lib/domain/killSwitch.js';

describe('Function: parseKillSwitch', () => {
  it.each(['RUN', 'PAUSE_ENTRIES', 'HALT', 'FLATTEN'] as const)('reads %s as itself', (value) => {
    expect(parseKillSwitch(value)).toEqual({ state: value, valid: true });
  });

  it.each(['run', '', 'STOP', undefined])('fails closed: %s reads as HALT', (value) => {
    expect(parseKillSwitch(value)).toEqual({ state: 'HALT', valid: false });
  });
});
