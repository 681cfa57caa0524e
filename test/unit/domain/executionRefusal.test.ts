import { describe, expect, it } from 'vitest';
import { describeRefusal } from '../../../lib/domain/executionRefusal.js';

describe('Function: describeRefusal', () => {
  it('says each refusal in words with its figures, as decision records written before the codes read', () => {
    expect(describeRefusal({ code: 'kill_switch', state: 'PAUSE_ENTRIES' })).toBe('kill switch is PAUSE_ENTRIES');
    expect(describeRefusal({ code: 'entry_slippage', moved: '0.006', limit: '0.005' })).toBe('price moved 0.006 from the planned entry');
    expect(describeRefusal({ code: 'plan_moved', status: 'exiting', version: 5, expectedVersion: 4 })).toBe('plan moved since the snapshot (exiting, version 5)');
    expect(describeRefusal({ code: 'plan_moved', status: 'gone', expectedVersion: 4 })).toBe('plan moved since the snapshot (gone, version -)');
    expect(describeRefusal({ code: 'nothing_sellable', held: '1.5', free: '0.0005' })).toBe('holds 1.5, 0.0005 free at the venue: nothing sellable');
    expect(describeRefusal({ code: 'order_gone', clientOrderId: 'bt-abc-s0' })).toBe('the venue no longer has bt-abc-s0');
  });
});
