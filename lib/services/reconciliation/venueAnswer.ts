import { TraderError } from '../../domain/errors.js';
import type { Fill, Order } from '../../domain/order.js';
import type { ExchangeSnapshot } from './snapshots.js';

export class IncompleteSnapshotError extends TraderError {
  constructor(what: string) {
    super(`the exchange snapshot does not answer ${what}: a missing answer is never taken for "none"`);
    this.name = 'IncompleteSnapshotError';
  }
}

/** The venue's answer for a client order id the snapshot was asked about: null when it positively has none. */
export function venueAnswer(snapshot: ExchangeSnapshot, clientOrderId: string): Order | null {
  const open = snapshot.openOrders.find((o) => o.clientOrderId === clientOrderId);
  if (open) return open;
  const answer = snapshot.orders[clientOrderId];
  if (answer === undefined) throw new IncompleteSnapshotError(`order ${clientOrderId}`);
  return answer;
}

export function fillsOf(snapshot: ExchangeSnapshot, clientOrderId: string): Fill[] {
  return snapshot.fills.filter((f) => f.clientOrderId === clientOrderId);
}
