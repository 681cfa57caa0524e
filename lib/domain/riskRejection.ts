/** Every reason risk can refuse a proposal. Values are decimal strings or counts. */
export type RiskRejection =
  | { readonly code: 'kill_switch'; readonly state: string }
  | { readonly code: 'short_unsupported' }
  | { readonly code: 'invalid_proposal'; readonly detail: string }
  /** `symbol` is what the proposal named, as text (it may be missing or not a string). */
  | { readonly code: 'other_symbol'; readonly symbol: string; readonly decidedSymbol: string }
  | { readonly code: 'invalid_levels'; readonly detail: string }
  | { readonly code: 'max_open_plans'; readonly open: number; readonly limit: number }
  | { readonly code: 'stacking'; readonly existingPlanId: string }
  | { readonly code: 'cooldown'; readonly until: number }
  | { readonly code: 'daily_loss_limit'; readonly lossToday: string; readonly limit: string }
  | { readonly code: 'reward_to_risk'; readonly ratio: string; readonly minimum: string }
  | { readonly code: 'order_value_below_min'; readonly value: string; readonly minimum: string }
  | { readonly code: 'order_value_above_max'; readonly value: string; readonly maximum: string }
  | { readonly code: 'symbol_exposure_cap'; readonly exposure: string; readonly cap: string }
  | { readonly code: 'total_exposure_cap'; readonly exposure: string; readonly cap: string }
  | { readonly code: 'insufficient_balance'; readonly needed: string; readonly available: string }
  /** Fractions of the entry value, decimal strings; see RiskConfig.minExpectedValue. */
  | { readonly code: 'expected_value'; readonly pWin: number; readonly expectedValue: string; readonly minimum: string };

export type RiskRejectionCode = RiskRejection['code'];

export function describeRejection(r: RiskRejection): string {
  switch (r.code) {
    case 'kill_switch':
      return `kill switch is ${r.state}`;
    case 'short_unsupported':
      return 'short entries are not supported on spot markets';
    case 'invalid_proposal':
      return `invalid proposal: ${r.detail}`;
    case 'other_symbol':
      return `proposal for ${r.symbol} while deciding ${r.decidedSymbol}`;
    case 'invalid_levels':
      return `invalid levels: ${r.detail}`;
    case 'max_open_plans':
      return `${r.open} plans open, limit ${r.limit}`;
    case 'stacking':
      return `plan ${r.existingPlanId} is already open for this symbol and side`;
    case 'cooldown':
      return `cooling down after a stop-out until ${new Date(r.until).toISOString()}`;
    case 'daily_loss_limit':
      return `lost ${r.lossToday} today, limit ${r.limit}`;
    case 'reward_to_risk':
      return `reward/risk ${r.ratio} below ${r.minimum}`;
    case 'order_value_below_min':
      return `order value ${r.value} below minimum ${r.minimum}`;
    case 'order_value_above_max':
      return `order value ${r.value} above maximum ${r.maximum}`;
    case 'symbol_exposure_cap':
      return `symbol exposure ${r.exposure} would pass cap ${r.cap}`;
    case 'total_exposure_cap':
      return `total exposure ${r.exposure} would pass cap ${r.cap}`;
    case 'insufficient_balance':
      return `needs ${r.needed}, ${r.available} available`;
    case 'expected_value':
      return `expected value ${r.expectedValue} of the entry at pWin ${r.pWin} below ${r.minimum}`;
  }
}
