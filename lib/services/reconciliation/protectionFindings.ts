import { dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';
import { holdsPosition, planClientOrderIds } from '../plans/planOrders.js';
import type { DiffInput } from './DiffInput.js';
import type { Finding } from './findings.js';
import type { PlanProjection } from './orderFindings.js';
import { IncompleteSnapshotError } from './venueAnswer.js';

/**
 * Finding 4. Stops are bot-managed (decide checks each candle against the plan's stop), so an
 * open plan holding a position is protected while its series is decided and the price has not
 * gone through its stop. It is unprotected, unless a stop order of its own rests on the venue,
 * when its series is no longer decided (the symbol left the configuration), when it has no
 * stop level, or when the price went through the stop while the bot was away. The repair
 * rests a stop order on the venue at the plan's stop, or sells at market when the
 * configuration says `flatten`, the stop has already been passed or there is no stop level.
 * A plan another finding moves this round is judged as that finding leaves it, and its
 * repair expects the version the finding writes: the repairs run one at a time in finding
 * order, so it runs after that write, and is refused if the write did not land. A round is
 * not spent waiting: a repair step that died after a part-filled exit (chaos seeds 5039 and
 * 5161) is recorded and its rest sold in one round. Only a plan restored this round, whose
 * price the snapshot lacks, waits for the next.
 */
export function protectionFindings(input: DiffInput, projection: PlanProjection): Finding[] {
  const restingIds = new Set(input.exchange.openOrders.map((o) => o.clientOrderId));
  const findings: Finding[] = [];
  for (const plan of projection.plans.values()) {
    if (plan.status !== 'open' || !holdsPosition(plan)) continue;
    // A plan restored this round (its entry's decision died) was not live when the venue was
    // read, so neither was its price: it is judged next round.
    if (projection.moved.has(plan.id) && input.exchange.lastPrices[plan.symbol] === undefined) continue;
    if ([...planClientOrderIds(plan)].some(([id, leg]) => leg === 'stop' && restingIds.has(id))) continue;
    const why = unprotectedBecause(input, plan);
    // A bot-managed stop is not asked for here: one the venue refused is not sent again, and one
    // its limit of resting stops kept off decide places once a slot frees (BotManagedCause);
    // heartbeat's UnprotectedPositions alarm stands until a stop rests. A price through it still sells.
    if (!why || (plan.botManagedStop !== undefined && !why.passed)) continue;
    const stopPrice = plan.activeStop ?? plan.stop;
    const mode = input.settings.unprotectedPositions === 'flatten' || why.passed ? 'flatten' : 'stop';
    findings.push({
      kind: 'unprotectedPosition',
      symbol: plan.symbol,
      planId: plan.id,
      detail: `${plan.filledAmount ?? '0'} ${plan.symbol} held, ${why.reason}: ${mode === 'stop' ? `resting a stop at ${stopPrice}` : 'selling at market'}`,
      repair: { kind: 'protectPosition', planId: plan.id, expectedVersion: plan.version, symbol: plan.symbol, mode, stopPrice, exitAttempt: plan.exitAttempt },
    });
  }
  return findings;
}

/** Why nothing protects the plan; `passed` when no stop order could work (no level, or the price is through it). */
function unprotectedBecause(input: DiffInput, plan: Plan): { reason: string; passed: boolean } | undefined {
  const stop = dec(plan.activeStop ?? plan.stop);
  if (!stop.gt(0)) return { reason: 'no stop level', passed: true };
  const last = input.exchange.lastPrices[plan.symbol];
  if (last === undefined) throw new IncompleteSnapshotError(`the last price of ${plan.symbol}`);
  if (dec(last).lte(stop)) return { reason: `price ${last} is through the stop ${stop.toFixed()}`, passed: true };
  if (!input.decidedSeries.has(`${plan.symbol}#${plan.timeframe}`)) return { reason: `${plan.symbol} ${plan.timeframe} is not decided, so its stop is never checked`, passed: false };
  return undefined;
}
