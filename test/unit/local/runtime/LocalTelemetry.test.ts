import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../../../lib/domain/decimal.js';
import { LocalTelemetry } from '../../../../lib/local/runtime/LocalTelemetry.js';

const OPEN = Date.UTC(2026, 0, 1, 12, 0);

describe('Class: LocalTelemetry', () => {
  it('counts decided and decision skipped lines per symbol, timeframe and candle, a redelivery twice on the same key', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'decided', symbol: 'LTC/BTC', timeframe: '5m', openTime: OPEN });
    telemetry.observe({ level: 'info', msg: 'decision skipped', symbol: 'LTC/BTC', timeframe: '5m', openTime: OPEN + 300_000 });
    telemetry.observe({ level: 'info', msg: 'decided', symbol: 'ETH/BTC', timeframe: '1h', openTime: OPEN });
    // The same candle delivered again.
    telemetry.observe({ level: 'info', msg: 'decided', symbol: 'LTC/BTC', timeframe: '5m', openTime: OPEN });

    expect([...telemetry.decisions]).toEqual([
      [`LTC/BTC 5m ${OPEN}`, 2],
      [`LTC/BTC 5m ${OPEN + 300_000}`, 1],
      [`ETH/BTC 1h ${OPEN}`, 1],
    ]);
    expect(telemetry.decisionCount).toBe(4);
  });

  it('keys a decision line without its fields with question marks', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'decided', symbol: 'LTC/BTC', openTime: 'soon' });

    expect([...telemetry.decisions]).toEqual([['LTC/BTC ? ?', 1]]);
  });

  it('counts risk rejections by reason, an unnamed one as unknown', () => {
    const telemetry = new LocalTelemetry();
    for (const reason of ['maxOpenPlans', 'minRewardToRisk', 'maxOpenPlans', undefined]) {
      telemetry.observe({ level: 'info', msg: 'risk rejection', ...(reason !== undefined ? { reason } : {}) });
    }

    expect([...telemetry.rejections]).toEqual([
      ['maxOpenPlans', 2],
      ['minRewardToRisk', 1],
      ['unknown', 1],
    ]);
  });

  it('counts orders and closed plans, summing realized PnL exactly', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'order', side: 'buy' });
    telemetry.observe({ level: 'info', msg: 'order', side: 'sell' });
    telemetry.observe({ level: 'info', msg: 'order', side: 'sell' });
    telemetry.observe({ level: 'info', msg: 'plan closed', realizedPnl: '-0.00301084' });
    telemetry.observe({ level: 'info', msg: 'plan closed', realizedPnl: '0.0136337632336' });

    expect(telemetry.ordersSent).toBe(3);
    expect(telemetry.plansClosed).toBe(2);
    expect(toDecimalString(telemetry.realizedPnl)).toBe('0.0106229232336');
  });

  it('counts a closed plan without a realized PnL as zero PnL', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'plan closed', realizedPnl: '0.1' });
    telemetry.observe({ level: 'info', msg: 'plan closed' });

    expect(telemetry.plansClosed).toBe(2);
    expect(toDecimalString(telemetry.realizedPnl)).toBe('0.1');
  });

  it('records heartbeat equity with its time, skipping a heartbeat that could not value the account', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'heartbeat', time: OPEN, equity: '1.00000001', openPlans: 1 });
    telemetry.observe({ level: 'info', msg: 'heartbeat', time: OPEN + 300_000, openPlans: 2 });
    telemetry.observe({ level: 'info', msg: 'heartbeat', time: OPEN + 600_000, equity: '0.99871234567' });

    expect(telemetry.equity.map(([time, equity]) => [time, toDecimalString(equity)])).toEqual([
      [OPEN, '1.00000001'],
      [OPEN + 600_000, '0.99871234567'],
    ]);
    expect(telemetry.openPlans).toBe(2);
  });

  it('takes open plans from the latest line that has them, heartbeat or decision', () => {
    const telemetry = new LocalTelemetry();
    expect(telemetry.openPlans).toBe(0);

    telemetry.observe({ level: 'info', msg: 'heartbeat', time: OPEN, equity: '1', openPlans: 3 });
    expect(telemetry.openPlans).toBe(3);
    telemetry.observe({ level: 'info', msg: 'decided', symbol: 'LTC/BTC', timeframe: '5m', openTime: OPEN, openPlans: 1 });
    expect(telemetry.openPlans).toBe(1);
    telemetry.observe({ level: 'info', msg: 'decision skipped', symbol: 'LTC/BTC', timeframe: '5m', openTime: OPEN });
    expect(telemetry.openPlans).toBe(1);
    telemetry.observe({ level: 'info', msg: 'heartbeat', time: OPEN + 300_000, equity: '1', openPlans: 0 });
    expect(telemetry.openPlans).toBe(0);
  });

  it('records error and fatal lines with the function name and the error message or the reason', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'error', msg: 'invocation failed', function: 'capture', err: { type: 'Error', message: 'boom', stack: '...' } });
    telemetry.observe({ level: 'error', msg: 'kill switch', function: 'maintenance', reason: 'daily loss limit' });
    telemetry.observe({ level: 'fatal', msg: 'runtime stopped' });
    telemetry.observe({ level: 'error' });
    telemetry.observe({ level: 'warn', msg: 'slow', function: 'decide', reason: 'late' });
    telemetry.observe({ level: 'info', msg: 'order' });

    expect(telemetry.errors).toStrictEqual([
      { msg: 'invocation failed', function: 'capture', detail: 'boom' },
      { msg: 'kill switch', function: 'maintenance', detail: 'daily loss limit' },
      { msg: 'runtime stopped' },
      { msg: '(no message)' },
    ]);
  });

  it('prefers the error message to the reason', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'error', msg: 'order failed', function: 'decide', err: { message: 'insufficient funds' }, reason: 'venue' });

    expect(telemetry.errors).toStrictEqual([{ msg: 'order failed', function: 'decide', detail: 'insufficient funds' }]);
  });

  it('counts an error line that is also a risk rejection as both', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'error', msg: 'risk rejection', reason: 'maxTotalExposurePct', function: 'decide' });

    expect([...telemetry.rejections]).toEqual([['maxTotalExposurePct', 1]]);
    expect(telemetry.errors).toStrictEqual([{ msg: 'risk rejection', function: 'decide', detail: 'maxTotalExposurePct' }]);
  });

  it('ignores other lines', () => {
    const telemetry = new LocalTelemetry();
    telemetry.observe({ level: 'info', msg: 'captured', symbol: 'LTC/BTC' });
    telemetry.observe({});

    expect(telemetry.decisions.size).toBe(0);
    expect(telemetry.decisionCount).toBe(0);
    expect(telemetry.rejections.size).toBe(0);
    expect(telemetry.equity).toEqual([]);
    expect(telemetry.errors).toEqual([]);
    expect(telemetry.ordersSent).toBe(0);
    expect(telemetry.plansClosed).toBe(0);
    expect(toDecimalString(telemetry.realizedPnl)).toBe('0');
  });
});
