import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../../lib/adapters/memory/MemoryLedgerStore.js';
import { advanceSnapshot } from '../../../../lib/services/decision/advanceSnapshot.js';

const SHAPE = ['state', 'livePlans', 'daily', 'lastStopOutAt', 'decidedUpTo'];
const STATE_SHAPE = ['status', 'ledgerVersion', 'updatedAt', 'reason', 'lockedBy'];
const DAY = Date.UTC(2024, 2, 1);

describe('advanceSnapshot', () => {
  it('keeps every snapshot in one shape, whether or not it has a day state yet', async () => {
    const fresh = await new MemoryLedgerStore().load();
    expect(Object.keys(fresh)).toEqual(SHAPE);
    expect(fresh.daily).toBeUndefined();

    const daily = { day: '2024-03-01', startEquity: '1', limitHit: false };
    const rolled = advanceSnapshot(fresh, 1, DAY, [], daily);
    expect(Object.keys(rolled)).toEqual(SHAPE);
    expect(rolled.daily).toBe(daily);
    expect(rolled.state).toEqual({ ...fresh.state, ledgerVersion: 1, updatedAt: DAY });
    expect(Object.keys(fresh.state)).toEqual(STATE_SHAPE);
    expect(Object.keys(rolled.state)).toEqual(STATE_SHAPE);

    // A later commit without a day state keeps the one it had, and adds a stop-out to the others.
    const stoppedOut = advanceSnapshot(rolled, 2, DAY + 60_000, [], undefined, new Map([['ETH/BTC', DAY + 30_000]]));
    expect(Object.keys(stoppedOut)).toEqual(SHAPE);
    expect(stoppedOut.daily).toBe(daily);
    expect([...stoppedOut.lastStopOutAt]).toEqual([['ETH/BTC', DAY + 30_000]]);
    expect(stoppedOut.decidedUpTo).toBe(fresh.decidedUpTo);
  });

  it('is the same snapshot when a commit changed nothing it holds', async () => {
    const fresh = await new MemoryLedgerStore().load();
    expect(advanceSnapshot(fresh, fresh.state.ledgerVersion, DAY, [])).toBe(fresh);
  });

  it('loads the stored day state into the same shape', async () => {
    const store = new MemoryLedgerStore();
    const daily = { day: '2024-03-01', startEquity: '2.5', limitHit: true };
    await store.commit({ ledgerVersion: 0, now: DAY, plans: [], orders: [], fills: [], daily });
    const loaded = await store.load();
    expect(Object.keys(loaded)).toEqual(SHAPE);
    expect(loaded.daily).toEqual(daily);
    expect(loaded.state.ledgerVersion).toBe(1);
  });
});
