import type { BedrockRuntimeClient, ConverseCommand, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { LanguageModel, ModelFailure, ModelReply, ModelRequest } from '../../ports/LanguageModel.js';
import { classifyCallError } from './classifyCallError.js';

/**
 * Amazon Bedrock through the Converse API: the answer is the input of the one tool the model
 * is made to call (toolChoice `tool`). The client's own retry strategy retries throttling and
 * 5xx (its maxAttempts); the signal ends every attempt at the call's timeout.
 */
export class BedrockConverseModel implements LanguageModel {
  readonly provider = 'bedrock';

  constructor(
    private readonly client: BedrockRuntimeClient,
    readonly modelId: string,
    /** The SDK's command class, from the module createLanguageModel loaded (see there why it is loaded lazily). */
    private readonly Converse: typeof ConverseCommand,
  ) {}

  async ask(request: ModelRequest, signal: AbortSignal): Promise<ModelReply | ModelFailure> {
    let output: ConverseCommandOutput;
    try {
      output = await this.client.send(
        new this.Converse({
          modelId: this.modelId,
          system: [{ text: request.system }],
          messages: [{ role: 'user', content: [{ text: request.prompt }] }],
          inferenceConfig: { maxTokens: request.maxOutputTokens, temperature: 0 },
          toolConfig: {
            tools: [{ toolSpec: { name: request.answerName, description: 'Propose a trading plan, or none.', inputSchema: { json: request.answerSchema as never } } }],
            toolChoice: { tool: { name: request.answerName } },
          },
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      return classifyCallError(error, signal);
    }
    const inputTokens = output.usage?.inputTokens ?? 0;
    const outputTokens = output.usage?.outputTokens ?? 0;
    const billed = { inputTokens, outputTokens };
    const content = output.output?.message?.content ?? [];
    const toolUse = content.find((block) => block.toolUse?.name === request.answerName)?.toolUse;
    if (output.stopReason === 'max_tokens') return { code: 'oversized_answer', detail: `the answer reached maxTokens ${request.maxOutputTokens}`, ...billed };
    if (toolUse === undefined) {
      const prose = content.map((block) => block.text ?? '').join(' ').trim();
      return { code: 'refusal', detail: `no ${request.answerName} call (stop reason ${output.stopReason ?? 'none'}): ${excerpt(prose)}`, ...billed };
    }
    const size = Buffer.byteLength(JSON.stringify(toolUse.input ?? null));
    if (size > request.maxAnswerBytes) return { code: 'oversized_answer', detail: `${size} bytes, over ${request.maxAnswerBytes}`, ...billed };
    return { answer: toolUse.input, ...billed };
  }
}

/** The start of a prose answer, for the log and the decision record. */
export function excerpt(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text || '(empty)';
}
