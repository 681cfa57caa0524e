import { Decimal, dec } from '../../domain/decimal.js';
import type { RiskRejection } from '../../domain/riskRejection.js';
import type { RoundedLevels } from './roundLevels.js';

/**
 * The expected value of a long per unit of entry value, from the rounded levels:
 * (pWin × (target − entry) − (1 − pWin) × (entry − stop) − fees) / entry, where the fees are
 * the taker rate on the entry and on the expected exit price (pWin × target + (1 − pWin) × stop).
 * A stop that fills worse or a max-age exit between the levels is not modelled.
 */
export function expectedValueFraction(pWin: number, levels: RoundedLevels, takerFeeRate: string): Decimal {
  const p = dec(pWin);
  const q = dec(1).minus(p);
  const { entry, stop, target } = levels;
  const expectedExit = p.times(target).plus(q.times(stop));
  const fees = entry.plus(expectedExit).times(takerFeeRate);
  return p.times(target.minus(entry)).minus(q.times(entry.minus(stop))).minus(fees).dividedBy(entry);
}

/** The `expected_value` rejection when the proposal carries pWin and falls short of the minimum. */
export function findExpectedValueRejection(
  pWin: number | undefined,
  levels: RoundedLevels,
  takerFeeRate: string,
  minimum: number | undefined,
): RiskRejection | undefined {
  if (pWin === undefined || minimum === undefined) return undefined;
  const value = expectedValueFraction(pWin, levels, takerFeeRate);
  const floor = dec(minimum);
  if (value.gte(floor)) return undefined;
  // Truncated toward minus infinity, so a value just under the minimum never prints as equal to it.
  return { code: 'expected_value', pWin, expectedValue: value.toDecimalPlaces(6, Decimal.ROUND_FLOOR).toFixed(6), minimum: floor.toFixed() };
}
