import { Decimal } from '../../domain/decimal.js';
import { marketFigures } from '../../domain/marketFigures.js';
import type { RiskRejection } from '../../domain/riskRejection.js';
import { minimumAmount, minimumOrderValue, minimumViableAmount } from './orderValueLimits.js';
import type { RiskContext } from './RiskContext.js';
import type { PositionSize } from './sizePosition.js';

/**
 * Names why a sized order is too small to send: the cap or balance that cut it, or the
 * order minimum itself when the risk budget (or maxAmount) was the binding bound. A cap's
 * figures show where the smallest acceptable order would take it, which is past the cap.
 */
export function undersizedRejection(size: PositionSize, entry: Decimal, context: RiskContext): RiskRejection {
  const { market, config } = context;
  const smallestValue = minimumViableAmount(entry, market, config).times(entry);
  switch (size.binding) {
    case 'symbol_exposure':
      return {
        code: 'symbol_exposure_cap',
        exposure: size.symbolExposure.plus(smallestValue).toFixed(),
        cap: size.symbolCap.toFixed(),
      };
    case 'total_exposure':
      return { code: 'total_exposure_cap', exposure: size.totalExposure.plus(smallestValue).toFixed(), cap: size.totalCap.toFixed() };
    case 'balance':
      return {
        code: 'insufficient_balance',
        needed: smallestValue.times(marketFigures(market).takerGross).toFixed(),
        available: context.quoteFree.toFixed(),
      };
    case 'risk':
    case 'max_amount':
      return {
        code: 'order_value_below_min',
        value: size.amount.times(entry).toFixed(),
        minimum: Decimal.max(minimumOrderValue(market, config), minimumAmount(market).times(entry)).toFixed(),
      };
  }
}
