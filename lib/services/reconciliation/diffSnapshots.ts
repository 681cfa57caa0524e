import { balanceFindings } from './balanceFindings.js';
import type { DiffInput } from './DiffInput.js';
import { finalOrderFindings } from './finalOrderFindings.js';
import { type Diff, type Finding, isActionRepair } from './findings.js';
import { type PlanProjection, orderFindings } from './orderFindings.js';
import { protectionFindings } from './protectionFindings.js';
import { venueOrderFindings } from './venueOrderFindings.js';

/**
 * The venue against the ledger, both read while the bot is locked: a pure function of the two
 * snapshots. Each finding carries its repair; the repairs run in finding order: the orders
 * the ledger waits on, the orders it closed its books on wrongly, then the venue's open orders, then protection. Each touches its own
 * plan or order, except a plan's protection after the finding that moved it this round: it
 * expects the version that finding writes, so it acts only once that write landed (the state
 * machine applies the repairs one at a time, in this order). A balance that cannot be trusted
 * halts the bot and no repair runs.
 */
export function diffSnapshots(input: DiffInput): Diff {
  const projection: PlanProjection = { plans: new Map(input.ledger.livePlans.map((p) => [p.id, p])), moved: new Set() };
  const findings: Finding[] = [
    ...orderFindings(input, projection),
    ...finalOrderFindings(input, projection),
    ...venueOrderFindings(input),
    ...protectionFindings(input, projection),
    ...balanceFindings(input, projection),
  ];
  const halts = findings.flatMap((f) => (f.repair.kind === 'halt' ? [f.repair.reason] : []));
  if (halts.length > 0) return { findings, repairs: [], halt: halts.join('; ') };
  return { findings, repairs: findings.map((f) => f.repair).filter(isActionRepair) };
}
