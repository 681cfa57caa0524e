import { describe, expect, it } from 'vitest';
import { RiskConfigSchema } from '../../../../lib/domain/config.js';
import { DecisionValuation } from '../../../../lib/services/decision/DecisionValuation.js';

const DAY = Date.UTC(2018, 0, 10);
const HOUR = 60 * 60_000;
const state = (day: string) => ({ day, startEquity: '1', limitHit: false });

describe('Class: DecisionValuation', () => {
  describe('Method: startsDay', () => {
    it("is true for the first decision of a later UTC day, or with no state yet, and false within the state's day", () => {
      const valuation = new DecisionValuation(RiskConfigSchema.parse({}));
      expect(valuation.startsDay(undefined, DAY)).toBe(true);
      expect(valuation.startsDay(state('2018-01-10'), DAY)).toBe(false);
      // Cached within the day: the same answer on every candle, without formatting a date.
      expect(valuation.startsDay(state('2018-01-10'), DAY + 23 * HOUR)).toBe(false);
      expect(valuation.startsDay(state('2018-01-10'), DAY + 24 * HOUR)).toBe(true);
      expect(valuation.startsDay(state('2018-01-09'), DAY + HOUR)).toBe(true);
      // A clock stepping back never starts a day.
      expect(valuation.startsDay(state('2018-01-11'), DAY)).toBe(false);
    });
  });

  describe('Method: equity', () => {
    it("values the decided symbol at its close and another at its close before this moment, whichever of the two was decided first", () => {
      const balances = { BTC: { free: '1', used: '0', total: '1' }, ETH: { free: '2', used: '0', total: '2' }, XLM: { free: '1000', used: '0', total: '1000' } };
      const minute = 60_000;
      const ethFirst = new DecisionValuation(RiskConfigSchema.parse({}));
      ethFirst.observeClose('XLM/BTC', DAY, 0.00004);
      ethFirst.observeClose('ETH/BTC', DAY, 0.1);
      ethFirst.observeClose('ETH/BTC', DAY + minute, 0.2);
      ethFirst.observeClose('XLM/BTC', DAY + minute, 0.00005);
      const xlmFirst = new DecisionValuation(RiskConfigSchema.parse({}));
      xlmFirst.observeClose('ETH/BTC', DAY, 0.1);
      xlmFirst.observeClose('XLM/BTC', DAY, 0.00004);
      xlmFirst.observeClose('XLM/BTC', DAY + minute, 0.00005);
      // Deciding XLM at DAY + 1m: 1 + 2 × 0.1 (ETH's close before this moment) + 1000 × 0.00005.
      expect(ethFirst.equity(balances, 'BTC', []).toFixed()).toBe('1.25');
      expect(xlmFirst.equity(balances, 'BTC', []).toFixed()).toBe('1.25');
    });

    it('is the quote total when nothing else is held, at any price, and values a base asset once one is held', () => {
      const valuation = new DecisionValuation(RiskConfigSchema.parse({}));
      valuation.observeClose('ETH/BTC', DAY, 0.1);
      const flat = { BTC: { free: '0.75', used: '0.25', total: '1' }, ETH: { free: '0', used: '0', total: '0' } };
      expect(valuation.equity(flat, 'BTC', []).toFixed()).toBe('1');
      const holding = { BTC: { free: '0.5', used: '0', total: '0.5' }, ETH: { free: '3', used: '0', total: '3' } };
      expect(valuation.equity(holding, 'BTC', []).toFixed()).toBe('0.8');
      valuation.observeClose('ETH/BTC', DAY + 60_000, 0.2);
      expect(valuation.equity(holding, 'BTC', []).toFixed()).toBe('1.1');
      expect(valuation.equity(flat, 'BTC', []).toFixed()).toBe('1');
      expect(valuation.equity({}, 'BTC', []).toFixed()).toBe('0');
    });
  });

  describe('Method: startDecision', () => {
    it("rolls the day on its first decision at the equity then, and not again within it", () => {
      const valuation = new DecisionValuation(RiskConfigSchema.parse({}));
      const balances = { BTC: { free: '0.5', used: '0', total: '0.5' }, ETH: { free: '2', used: '0', total: '2' } };
      valuation.observeClose('ETH/BTC', DAY + HOUR, 0.1);
      const snapshot = { state: { status: 'ACTIVE' as const, ledgerVersion: 3, updatedAt: 0 }, livePlans: [], lastStopOutAt: new Map(), daily: state('2018-01-09') };
      const settlement = { plans: [], orders: [], fills: [], stopOuts: new Map() };
      // 0.5 BTC and 2 ETH at 0.1: 0.7 BTC.
      expect(valuation.startDecision(snapshot, [], balances, 'BTC', DAY + HOUR, settlement).dailyChanged()).toEqual({ day: '2018-01-10', startEquity: '0.7', limitHit: false });
      expect(valuation.startDecision({ ...snapshot, daily: state('2018-01-10') }, [], balances, 'BTC', DAY + 2 * HOUR, settlement).dailyChanged()).toBeUndefined();
    });
  });
});
