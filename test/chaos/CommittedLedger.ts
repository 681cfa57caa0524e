import { dec } from '../../lib/domain/decimal.js';
import type { Order } from '../../lib/domain/order.js';
import type { LocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import type { Violation } from './Violation.js';

const FINAL_ORDER_STATUSES = new Set(['closed', 'canceled', 'rejected', 'expired']);

/**
 * What the ledger had committed at each look during a run, to check at the end that nothing
 * committed was lost or went back: every fill stays as it was; every ended plan stays as it
 * ended; every order the venue answered stays, a final one unchanged, an open one never less
 * filled; every intent stays; no plan's version goes down.
 */
export class CommittedLedger {
  private readonly fills = new Map<string, string>();
  private readonly endedPlans = new Map<string, string>();
  private readonly planVersions = new Map<string, number>();
  private readonly orders = new Map<string, Order>();
  private readonly intents = new Set<string>();
  looks = 0;

  observe(ledger: LocalLedger): void {
    this.looks += 1;
    // The first committed value is the one that must last: a later look must not excuse a change.
    for (const fill of ledger.fills) if (!this.fills.has(fill.id)) this.fills.set(fill.id, JSON.stringify(fill));
    for (const plan of ledger.endedPlans) if (!this.endedPlans.has(plan.id)) this.endedPlans.set(plan.id, JSON.stringify(plan));
    for (const plan of [...ledger.livePlans, ...ledger.endedPlans]) this.planVersions.set(plan.id, Math.max(plan.version, this.planVersions.get(plan.id) ?? 0));
    for (const record of ledger.orders) {
      this.intents.add(record.intent.clientOrderId);
      if (record.order) this.orders.set(record.intent.clientOrderId, furthest(this.orders.get(record.intent.clientOrderId), record.order));
    }
  }

  /** What the final ledger lost or took back of what was committed before. */
  lostIn(final: LocalLedger): Violation[] {
    const violations: Violation[] = [];
    const lost = (detail: string) => violations.push({ invariant: 'nothingCommittedLost', detail });
    const fills = new Map(final.fills.map((fill) => [fill.id, JSON.stringify(fill)]));
    for (const [id, fill] of this.fills) if (fills.get(id) !== fill) lost(`fill ${id} was ${fill}, now ${fills.get(id) ?? 'missing'}`);
    const ended = new Map(final.endedPlans.map((plan) => [plan.id, JSON.stringify(plan)]));
    for (const [id, plan] of this.endedPlans) if (ended.get(id) !== plan) lost(`ended plan ${id} was ${plan}, now ${ended.get(id) ?? 'missing'}`);
    const versions = new Map([...final.livePlans, ...final.endedPlans].map((plan) => [plan.id, plan.version]));
    for (const [id, version] of this.planVersions) {
      const now = versions.get(id);
      if (now === undefined || now < version) lost(`plan ${id} was at version ${version}, now ${now ?? 'missing'}`);
    }
    const records = new Map(final.orders.map((record) => [record.intent.clientOrderId, record]));
    for (const id of this.intents) if (!records.has(id)) lost(`intent ${id} is missing`);
    for (const [id, order] of this.orders) {
      const now = records.get(id)?.order;
      if (now === undefined) lost(`order ${id} (${order.status}) lost its venue answer`);
      else if (FINAL_ORDER_STATUSES.has(order.status) && JSON.stringify(now) !== JSON.stringify(order)) {
        violations.push({ invariant: 'finalOrderUnchanged', detail: `final order ${id} was ${JSON.stringify(order)}, now ${JSON.stringify(now)}` });
      }
      else if (dec(now.filled).lt(order.filled)) lost(`order ${id} was filled ${order.filled}, now ${now.filled}`);
    }
    return violations;
  }
}

/** The first final answer once there is one; before that, the most filled. */
function furthest(seen: Order | undefined, now: Order): Order {
  if (seen === undefined) return now;
  if (FINAL_ORDER_STATUSES.has(seen.status)) return seen;
  if (FINAL_ORDER_STATUSES.has(now.status)) return now;
  return dec(now.filled).gte(seen.filled) ? now : seen;
}
