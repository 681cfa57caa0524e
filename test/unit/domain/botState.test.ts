import { describe, expect, it } from 'vitest';
import { FRESH_BOT_STATE, botState } from '../../../lib/domain/botState.js';

describe('botState', () => {
  it('writes every field in one order, an absent one undefined, with the changes made', () => {
    const fresh = botState(FRESH_BOT_STATE);
    expect(Object.keys(fresh)).toEqual(['status', 'ledgerVersion', 'updatedAt', 'reason', 'lockedBy']);
    expect(fresh).toEqual({ status: 'ACTIVE', ledgerVersion: 0, updatedAt: 0 });

    const locked = botState(fresh, { status: 'RECONCILING', reason: 'restart', lockedBy: 'exec-1', updatedAt: 5 });
    expect(locked).toEqual({ status: 'RECONCILING', ledgerVersion: 0, updatedAt: 5, reason: 'restart', lockedBy: 'exec-1' });
    expect(Object.keys(locked)).toEqual(Object.keys(fresh));

    // A change may clear an optional field; one it does not name is kept.
    expect(botState(locked, { status: 'ACTIVE', lockedBy: undefined })).toEqual({ status: 'ACTIVE', ledgerVersion: 0, updatedAt: 5, reason: 'restart' });
    expect(botState(locked, { ledgerVersion: 7 }).lockedBy).toBe('exec-1');
  });
});
