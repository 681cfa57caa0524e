import { timeframeMs } from '../../domain/candle.js';
import { type Decimal, dec } from '../../domain/decimal.js';
import type { PlanProposal } from '../../domain/plan.js';
import { type LlmCallRecord, type ModelFailure, type ModelReply, isModelFailure } from '../../ports/LanguageModel.js';
import type { LlmSpendCounter } from '../../ports/LlmSpendCounter.js';
import { buildMarketSnapshot, type MarketSnapshotOptions } from '../marketSnapshot.js';
import { NO_PROPOSALS, type Strategy, type StrategyContext } from '../Strategy.js';
import { buildPlanPrompt, type PlanPrompt } from './buildPlanPrompt.js';
import { callCost } from './callCost.js';
import { checkPlanAnswer } from './checkPlanAnswer.js';
import type { LlmParams } from './llmParams.js';
import { type LlmRejection, strategyNote } from './LlmRejection.js';
import { LLM_METRIC_NAMES, type LlmServices } from './LlmServices.js';
import { PLAN_ANSWER_JSON_SCHEMA, PLAN_TOOL_NAME } from './planAnswer.js';
import { PLAN_PROMPTS } from './planPrompts.js';
import { PreFilterGate } from './PreFilterGate.js';
import { ProcessLlmSpend } from './ProcessLlmSpend.js';

/**
 * Asks a language model for a plan on the candles the pre-filter lets through, while the
 * day's budget lasts. The answer is untrusted (checkPlanAnswer), and what passes is only a
 * proposal: risk sizes it and may refuse it. Any failure, of the provider or of the answer,
 * means no proposal and a named reason in the decision record; the bot goes on.
 */
export class LlmStrategy implements Strategy {
  readonly name = 'llm';
  readonly warmupCandles: number;
  private readonly gate: PreFilterGate;
  private readonly budgetUsd: Decimal;
  private readonly spend: LlmSpendCounter;
  private readonly snapshotOptions: MarketSnapshotOptions;
  /** The UTC day whose budget exhaustion was logged. */
  private exhaustedDayLogged = -1;

  constructor(
    private readonly params: LlmParams,
    private readonly services: LlmServices,
  ) {
    this.warmupCandles = params.warmupCandles;
    this.gate = new PreFilterGate(params.preFilter);
    this.budgetUsd = dec(params.dailyBudgetUsd);
    this.spend = services.spend ?? new ProcessLlmSpend();
    this.snapshotOptions = { candles: params.promptCandles };
  }

  async evaluate(context: StrategyContext): Promise<readonly PlanProposal[]> {
    const stepMs = timeframeMs(context.timeframe);
    const candle = context.window.last();
    // The candle's close, not the wall clock: a replayed backtest spends its budget on the same days.
    const closedAt = candle.openTime + stepMs;
    if (this.gate.asksByTime(candle.openTime, stepMs) === false) return NO_PROPOSALS;
    const otherTimeframes = (await context.otherTimeframeCandles?.(this.params.promptCandles)) ?? {};
    const options = { ...this.snapshotOptions, otherTimeframes };
    const snapshot = context.marketSnapshot?.(options) ?? buildMarketSnapshot(context, options);
    if (!this.gate.asksBySnapshot(snapshot)) return NO_PROPOSALS;
    let spent: string;
    try {
      spent = await this.spend.spentOn(closedAt);
    } catch (error) {
      // Unknown spend: no call, as over budget would be (money stays inside the budget).
      this.services.logger.warn({ err: error }, 'llm daily spend not readable: no model call');
      return this.nothing(context, { code: 'budget_unreadable', detail: error instanceof Error ? error.message : String(error) }, undefined);
    }
    if (!dec(spent).lt(this.budgetUsd)) return this.budgetSpent(context, closedAt, spent);
    const prompt = buildPlanPrompt(snapshot, this.params.entryBand, PLAN_PROMPTS[this.params.promptVersion]);
    const reply = await this.ask(prompt, closedAt);
    if (isModelFailure(reply)) return this.nothing(context, { code: reply.code, detail: reply.detail }, prompt);
    const checked = checkPlanAnswer(reply.answer, {
      symbol: context.symbol,
      lastPrice: snapshot.lastPrice,
      entryBand: this.params.entryBand,
      minConfidence: this.params.minConfidence,
      timeframeMs: stepMs,
    });
    if (checked.kind === 'rejected') return this.nothing(context, checked.rejection, prompt);
    if (checked.kind === 'none') {
      context.note?.(`llm: none: ${checked.reason}`);
      return NO_PROPOSALS;
    }
    return [checked.proposal];
  }

  private async ask(prompt: PlanPrompt, closedAt: number): Promise<ModelReply | ModelFailure> {
    const { model, metrics, logger, calls, maxTimeoutMs } = this.services;
    const timeoutMs = Math.min(this.params.timeoutMs, maxTimeoutMs ?? Infinity);
    const started = performance.now();
    const reply = await model.ask(
      {
        system: prompt.system,
        prompt: prompt.prompt,
        answerName: PLAN_TOOL_NAME,
        answerSchema: PLAN_ANSWER_JSON_SCHEMA,
        maxOutputTokens: this.params.maxOutputTokens,
        maxAnswerBytes: this.params.maxAnswerBytes,
        promptHash: prompt.hash,
      },
      AbortSignal.timeout(timeoutMs),
    );
    const latencyMs = Math.round(performance.now() - started);
    const inputTokens = reply.inputTokens ?? 0;
    const outputTokens = reply.outputTokens ?? 0;
    const cost = callCost(inputTokens, outputTokens, this.params.prices);
    metrics.count(LLM_METRIC_NAMES.calls, 1);
    if (inputTokens + outputTokens > 0) metrics.count(LLM_METRIC_NAMES.tokens, inputTokens + outputTokens);
    if (cost.gt(0)) {
      // A cost not counted lets the day overspend by that call; the decision goes on.
      await this.spend.add(closedAt, cost.toFixed()).catch((error: unknown) => logger.warn({ err: error, costUsd: cost.toFixed() }, 'llm call cost not counted in the daily spend'));
    }
    const failure = isModelFailure(reply) ? { code: reply.code, detail: reply.detail } : undefined;
    if (failure) metrics.count(LLM_METRIC_NAMES.failures, 1);
    logger.info(
      { provider: model.provider, modelId: model.modelId, promptHash: prompt.hash, inputTokens, outputTokens, latencyMs, costUsd: cost.toFixed(), ...(failure ? { failure: failure.code } : {}) },
      'llm call',
    );
    if (calls) {
      const record: LlmCallRecord = {
        at: closedAt,
        promptHash: prompt.hash,
        promptVersion: prompt.version,
        system: prompt.system,
        prompt: prompt.prompt,
        provider: model.provider,
        modelId: model.modelId,
        ...(isModelFailure(reply) ? {} : { answer: reply.answer }),
        ...(failure ? { failure } : {}),
        inputTokens,
        outputTokens,
        latencyMs,
        costUsd: cost.toFixed(),
      };
      // A record that cannot be written costs the audit trail, not the decision.
      await calls.record(record).catch((error: unknown) => logger.warn({ err: error, promptHash: prompt.hash }, 'llm call not recorded'));
    }
    return reply;
  }

  private budgetSpent(context: StrategyContext, closedAt: number, spentUsd: string): readonly PlanProposal[] {
    const day = Math.floor(closedAt / 86_400_000);
    const budgetUsd = this.budgetUsd.toFixed();
    this.services.metrics.count(LLM_METRIC_NAMES.budgetExhausted, 1);
    if (day !== this.exhaustedDayLogged) {
      this.exhaustedDayLogged = day;
      this.services.logger.warn({ spentUsd, budgetUsd }, 'llm daily budget spent: no model calls until the next UTC day; open plans are still managed');
    }
    context.note?.(strategyNote({ code: 'budget_exhausted', detail: `spent ${spentUsd} of ${budgetUsd} USD today` }));
    return NO_PROPOSALS;
  }

  private nothing(context: StrategyContext, rejection: LlmRejection, prompt: PlanPrompt | undefined): readonly PlanProposal[] {
    this.services.logger.warn({ symbol: context.symbol, code: rejection.code, detail: rejection.detail, ...(prompt ? { promptHash: prompt.hash } : {}) }, 'llm answer not used');
    context.note?.(strategyNote(rejection));
    return NO_PROPOSALS;
  }
}
