import type { KillSwitchState } from './killSwitch.js';
import type { PlanStatus } from './plan.js';

/**
 * Every reason execution declines to send an order before the venue sees it (a venue's own
 * rejection is an outcome, not a refusal). Each carries the figures that caused it; values
 * are decimal strings or counts.
 */
export type ExecutionRefusal =
  | { readonly code: 'kill_switch'; readonly state: KillSwitchState }
  | { readonly code: 'entry_slippage'; readonly moved: string; readonly limit: string }
  | { readonly code: 'plan_moved'; readonly status: PlanStatus | 'gone'; readonly version?: number; readonly expectedVersion: number }
  | { readonly code: 'nothing_sellable'; readonly held: string; readonly free: string }
  /** The plan holds less than the market takes in one order at the exit's price: nothing can sell it, so it closed as dust. */
  | { readonly code: 'dust'; readonly held: string; readonly sellableFrom: string }
  | { readonly code: 'order_gone'; readonly clientOrderId: string }
  /** The plan's resting stop sold before it could be cancelled: that stop is the exit. */
  | { readonly code: 'stop_filled'; readonly clientOrderId: string; readonly filled: string }
  /** The plan's resting stop could not be cancelled: selling too could sell what is not held. */
  | { readonly code: 'stop_not_cancelled'; readonly clientOrderId: string; readonly reason: string };

export type ExecutionRefusalCode = ExecutionRefusal['code'];

/** The readable reason kept in logs, repair outcomes and decision records beside the code. */
export function describeRefusal(r: ExecutionRefusal): string {
  switch (r.code) {
    case 'kill_switch':
      return `kill switch is ${r.state}`;
    case 'entry_slippage':
      return `price moved ${r.moved} from the planned entry`;
    case 'plan_moved':
      return `plan moved since the snapshot (${r.status}, version ${r.version ?? '-'})`;
    case 'nothing_sellable':
      return `holds ${r.held}, ${r.free} free at the venue: nothing sellable`;
    case 'dust':
      return `holds ${r.held}, less than the market takes in one order (${r.sellableFrom}): closed as dust`;
    case 'order_gone':
      return `the venue no longer has ${r.clientOrderId}`;
    case 'stop_filled':
      return `the resting stop ${r.clientOrderId} filled ${r.filled} before its cancel`;
    case 'stop_not_cancelled':
      return `the resting stop ${r.clientOrderId} could not be cancelled: ${r.reason}`;
  }
}
