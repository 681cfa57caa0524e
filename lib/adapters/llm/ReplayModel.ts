import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { InvalidInputError, TraderError } from '../../domain/errors.js';
import type { LanguageModel, ModelFailure, ModelReply, ModelRequest } from '../../ports/LanguageModel.js';

/** A replayed prompt with no recorded answer, when replay is strict. */
export class LlmReplayMissingError extends TraderError {
  constructor(
    readonly promptHash: string,
    readonly file: string,
  ) {
    super(`no recorded answer in ${file} for the prompt with hash ${promptHash} (--llm-missing skip proposes nothing for it instead)`);
  }
}

const RecordedCallSchema = z.object({
  promptHash: z.string().regex(/^[0-9a-f]{64}$/),
  provider: z.string(),
  modelId: z.string(),
  answer: z.unknown().optional(),
  failure: z.object({ code: z.string(), detail: z.string() }).optional(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});
type RecordedCall = z.infer<typeof RecordedCallSchema>;

export type ReplayMissing = 'error' | 'skip';

/**
 * Answers from recorded calls (JSONL, as --llm-record writes), keyed by prompt hash: the
 * same prompt gets the same answer and the same token count, so a backtest of the `llm`
 * strategy is reproducible and free. A recorded failure is not replayed: only answers are.
 */
export class ReplayModel implements LanguageModel {
  readonly provider = 'replay';

  private constructor(
    private readonly answers: ReadonlyMap<string, RecordedCall>,
    readonly modelId: string,
    private readonly file: string,
    private readonly missing: ReplayMissing,
  ) {}

  static async load(file: string, missing: ReplayMissing): Promise<ReplayModel> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InvalidInputError('--llm-replay', `cannot read ${file}: ${(error as Error).message}`);
    }
    const answers = new Map<string, RecordedCall>();
    const models = new Set<string>();
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line) as unknown;
      } catch {
        throw new InvalidInputError(`--llm-replay ${file}:${index + 1}`, 'is not JSON');
      }
      const parsed = RecordedCallSchema.safeParse(json);
      if (!parsed.success) throw new InvalidInputError(`--llm-replay ${file}:${index + 1}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const call = parsed.data;
      if (call.answer === undefined || call.failure !== undefined) return;
      if (!answers.has(call.promptHash)) answers.set(call.promptHash, call);
      models.add(`${call.provider}:${call.modelId}`);
    });
    return new ReplayModel(answers, [...models].join(',') || 'none', file, missing);
  }

  get size(): number {
    return this.answers.size;
  }

  ask(request: ModelRequest): Promise<ModelReply | ModelFailure> {
    const call = this.answers.get(request.promptHash);
    if (call === undefined) {
      if (this.missing === 'error') return Promise.reject(new LlmReplayMissingError(request.promptHash, this.file));
      return Promise.resolve({ code: 'replay_missing', detail: `no recorded answer for prompt ${request.promptHash.slice(0, 12)}` });
    }
    return Promise.resolve({ answer: call.answer, inputTokens: call.inputTokens, outputTokens: call.outputTokens });
  }
}
