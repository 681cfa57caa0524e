import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconciliation } from '../../lib/local/runReconciliation.js';
import { createCaptureHandler } from '../../lib/runtime/lambda/capture/createCaptureHandler.js';
import { createDecideHandler } from '../../lib/runtime/lambda/decide/createDecideHandler.js';
import { createHeartbeatHandler } from '../../lib/runtime/lambda/heartbeat/createHeartbeatHandler.js';
import { createMaintenanceHandler } from '../../lib/runtime/lambda/maintenance/createMaintenanceHandler.js';
import { reconcileStepHandlers } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { fifoRecord, scheduledEvent } from '../support/lambdaRuntimeFixture.js';
import { reconcileDefinition } from '../support/reconcileDefinition.js';
import { candle, closeOf } from '../integration/local/exchange-sim/simFixture.js';
import { API_KEY, LoggedBot, MARKERS, SECRET } from './loggedBot.js';

const dynamo = useDynamoDbLocal();
const context = { awsRequestId: 'req-sec', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
/** The venue refusing the key, as Binance answers a revoked or IP-restricted one. */
const REFUSED_KEY = { kind: 'serverError', status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } } as const;
/** A firewall in front of the venue refusing the request with a page that echoes its headers back. */
const ECHOING_FIREWALL = { kind: 'customBody', status: 403, body: `<html><body>Request blocked. X-MBX-APIKEY: ${API_KEY}</body></html>` } as const;

/** Every function, through the venue's error answers and a broken secret, at log level trace. */
async function runEveryFunction(bot: LoggedBot): Promise<void> {
  const { sim } = bot;
  const decide = (index: number, handler = createDecideHandler(bot.runtime())) => {
    sim.advanceTo(Math.max(sim.now(), closeOf(index) + 1_000));
    return handler({ Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: candle(index) })] }, context);
  };
  sim.advanceTo(closeOf(10) + 1_000);
  sim.faults.inject({ endpoint: 'GET /api/v3/klines', kind: 'htmlError' });
  sim.faults.inject({ endpoint: 'GET /api/v3/ticker/24hr', ...REFUSED_KEY });
  await createCaptureHandler(bot.runtime())(scheduledEvent('cap-1', sim.now(), 'secbot-capture'), context);

  const decider = createDecideHandler(bot.runtime());
  sim.faults.inject({ endpoint: 'GET /api/v3/account', ...REFUSED_KEY });
  await decide(10, decider);
  sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'htmlError', times: 2 });
  await decide(10, decider);
  sim.faults.inject({ endpoint: 'GET /api/v3/account', ...ECHOING_FIREWALL, times: 2 });
  await decide(10, decider);
  sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'lostAck' });
  sim.faults.inject({ endpoint: 'GET /api/v3/order', kind: 'serverError', status: 500, body: { code: -1000, msg: 'An unknown error occurred while processing the request.' } });
  await decide(10, decider);
  sim.faults.inject({ endpoint: 'GET /api/v3/myTrades', kind: 'customBody', body: (real: unknown) => (real as Record<string, unknown>[]).map(({ qty: _qty, ...rest }) => rest), times: 2 });
  await decide(11, decider);

  const heartbeat = createHeartbeatHandler(bot.runtime());
  sim.faults.inject({ endpoint: 'GET /api/v3/openOrders', kind: 'htmlError', times: 2 });
  await heartbeat(scheduledEvent('hb-1', sim.now(), 'secbot-heartbeat'), context);
  await heartbeat(scheduledEvent('hb-2', sim.now(), 'secbot-heartbeat'), context);
  sim.faults.inject({ endpoint: 'GET /api/v3/order', kind: 'malformedJson', times: 4 });
  await createMaintenanceHandler(bot.runtime())(scheduledEvent('mt-1', sim.now(), 'secbot-maintenance'), context);

  sim.faults.inject({ endpoint: 'GET /api/v3/openOrders', kind: 'htmlError', times: Infinity });
  await runReconciliation(await reconcileDefinition(), reconcileStepHandlers(bot.runtime()), { name: 'sec-run', input: { reason: 'manual' }, startedAt: sim.now() });
  sim.faults.clear();

  // A careless line, past every field redaction: the keys deep in an object, in an error, in the message.
  const careless = bot.runtime().logger;
  careless.error({ venue: { auth: { keys: { apiKey: API_KEY, secret: SECRET } } }, err: new Error(`signing with ${SECRET} failed`) }, `careless line: ${API_KEY} / ${SECRET}`);

  // A secret filled wrongly: with a field too many, then not JSON at all.
  bot.secretString = JSON.stringify({ apiKey: API_KEY, secret: SECRET, withdrawals: true });
  await decide(12);
  bot.secretString = `apiKey=${API_KEY}&secret=${SECRET}`;
  await decide(12);
}

describe('Security: the exchange keys never reach a log line (every function, level trace, error paths)', () => {
  let bot: LoggedBot;
  beforeAll(async () => {
    bot = await LoggedBot.start(dynamo);
    await runEveryFunction(bot);
  }, 60_000);
  afterAll(() => bot.stop());

  it.each([API_KEY, SECRET, ...MARKERS])('no line holds %s', (secret) => {
    expect(bot.log.length).toBeGreaterThan(10_000);
    expect(bot.log).not.toContain(secret);
  });

  it('no line holds the HMAC signature of any request ccxt signed', () => {
    expect(bot.signatures.size).toBeGreaterThan(10);
    const leaked = [...bot.signatures].filter((signature) => bot.log.includes(signature));
    expect(leaked).toEqual([]);
    expect(bot.log).not.toMatch(/signature=(?!\[redacted\])/);
  });

  it('logged every function, on the error paths the checks are about', () => {
    expect(bot.messages()).toEqual(
      expect.arrayContaining([
        'capture finished',
        'ticker not captured',
        'exchange call failed; retrying',
        'decision failed; the message will be delivered again',
        'create order failed; retrying',
        'order',
        'venue unreadable: no equity, no drift check this run',
        'heartbeat',
        'maintenance',
        'reconciliation halted the bot',
      ]),
    );
  });

  it.each([
    ['a signed URL, its signature scrubbed', /GET https:\/\/api\.exchange-sim\.invalid\/api\/v3\/account\?timestamp=\d+&recvWindow=\d+&signature=\[redacted\] 502 Bad Gateway/],
    ['the firewall page, the key in it scrubbed', /Request blocked\. X-MBX-APIKEY: \[redacted\]/],
    ['the venue refusing the key', /AuthenticationError: binance \{\\"code\\":-2015,\\"msg\\":\\"Invalid API-key, IP, or permissions for action\.\\"\}/],
    ['the careless line, scrubbed whole', /"keys":\{"apiKey":"\[redacted\]","secret":"\[redacted\]"\}.*signing with \[redacted\] failed.*"msg":"careless line: \[redacted\] \/ \[redacted\]"/],
    ['a secret with a field too many', /exchange credentials parameter \/secbot\/exchange-credentials: \(root\): unexpected field; it must hold/],
    ['a secret that is not JSON', /exchange credentials parameter \/secbot\/exchange-credentials: is not JSON: it must hold/],
  ])('logged %s', (_what, pattern) => {
    expect(bot.log).toMatch(pattern);
  });
});
