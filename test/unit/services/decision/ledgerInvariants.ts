import { type ReportedFigures, livePlansHaveOrders, pnlIsFills } from './planInvariants.js';
import { type RunView, balancesFollowFills, clientOrderIdsOnce, ledgerFillsAreVenueFills } from './venueInvariants.js';

/**
 * What the in-memory cycle must keep true between any two decisions and at the end, exactly
 * (decimals, never floats), whichever asset a venue charges its fee in:
 *
 *  1. balances: each venue total = start + Σ bought − Σ sold − Σ fees charged in it, by the
 *     venue's fills and, once every order is settled, by the ledger's; none negative.
 *  2. PnL: a closed plan's realized PnL = its sells' cost − buys' cost − its quote fees, with
 *     a remainder the market would not take written off as dust; the run's = Σ closed plans'.
 *  3. live plans: one entering or exiting has its pending order (intent and venue order); an
 *     open one holds what its fills left, above zero.
 *  4. client order ids: none written twice, none sent twice, each derived from its plan.
 *  5. fills and orders: the ledger's are the venue's, field for field; once settled, all.
 */
export function ledgerViolations(view: RunView, settled: boolean, reported?: ReportedFigures): string[] {
  return [
    ...balancesFollowFills(view, settled),
    ...pnlIsFills(view, settled, reported),
    ...livePlansHaveOrders(view),
    ...clientOrderIdsOnce(view),
    ...ledgerFillsAreVenueFills(view, settled),
  ];
}
