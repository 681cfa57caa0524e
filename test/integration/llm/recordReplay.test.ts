import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createLanguageModel } from '../../../lib/adapters/llm/createLanguageModel.js';
import { JsonlLlmCallLog } from '../../../lib/adapters/llm/JsonlLlmCallLog.js';
import { LlmReplayMissingError } from '../../../lib/adapters/llm/ReplayModel.js';
import { BacktestConfigSchema } from '../../../lib/domain/config.js';
import { LoopbackModelServer } from '../../../lib/local/llm/LoopbackModelServer.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { noMetrics } from '../../../lib/ports/Metrics.js';
import { replayServices } from '../../../lib/runtime/backtest/replayServices.js';
import { runBacktest } from '../../../lib/runtime/backtest/runBacktest.js';

const DATA = ['data/sample/LTC_BTC-5m.json'];
const config = BacktestConfigSchema.parse({
  strategy: { name: 'llm', params: { provider: 'openai', endpoint: 'http://unused.invalid', modelId: 'loopback', preFilter: { kind: 'every-n', everyNCandles: 96 } } },
});
const dir = mkdtempSync(join(tmpdir(), 'llm-replay-'));
const recorded = join(dir, 'calls.jsonl');
let server: LoopbackModelServer;

beforeAll(async () => {
  server = await LoopbackModelServer.start();
});
afterAll(() => server.close());

describe('llm record and replay', () => {
  it('replays a recorded backtest to the same trades without calling a model, and a missing answer is an error or a skip', async () => {
    const live = await runBacktest({
      dataFiles: DATA,
      config,
      strategyServices: {
        llm: async (params) => ({
          model: await createLanguageModel(params, () => new SecretsManagerClient({ region: 'us-east-1' }), { endpoint: server.url }),
          logger: silentLogger,
          metrics: noMetrics,
          calls: new JsonlLlmCallLog(recorded),
        }),
      },
    });
    const calls = readFileSync(recorded, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { promptHash: string; costUsd: string; inputTokens: number });
    expect(calls.length).toBe(server.requests.chat);
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.every((call) => call.inputTokens > 0 && Number(call.costUsd) > 0)).toBe(true);
    expect(live.result.trades.length).toBeGreaterThan(0);

    const before = server.requests.chat;
    const replayed = await runBacktest({ dataFiles: DATA, config, strategyServices: replayServices(recorded, 'error') });
    expect(server.requests.chat).toBe(before);
    expect(replayed.result.trades).toEqual(live.result.trades);
    expect(replayed.result.finalBalances).toEqual(live.result.finalBalances);

    // The first recorded answer dropped: strict replay stops, skip replays the rest and notes the gap.
    const partial = join(dir, 'partial.jsonl');
    writeFileSync(partial, readFileSync(recorded, 'utf8').split('\n').slice(1).join('\n'));
    await expect(runBacktest({ dataFiles: DATA, config, strategyServices: replayServices(partial, 'error') })).rejects.toThrow(LlmReplayMissingError);
    const skipped = await runBacktest({ dataFiles: DATA, config, strategyServices: replayServices(partial, 'skip'), telemetryCapacity: 100_000 });
    expect(skipped.result.decisions).toBe(live.result.decisions);
  });
});
