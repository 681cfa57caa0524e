import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { InvalidInputError } from '../../domain/errors.js';
import { decisionDeduplicationId, type DecisionMessage } from '../../domain/decisionMessage.js';
import type { DecisionQueue, PublishFailure, PublishReport } from '../../ports/DecisionQueue.js';
import type { Logger } from '../../ports/Logger.js';
import { toSendBatches } from './toSendBatches.js';

export interface SqsDecisionQueueOptions {
  readonly client: SQSClient;
  /** A FIFO queue: its URL ends in `.fifo`. */
  readonly queueUrl: string;
  readonly logger: Logger;
  /** Resends of the entries a batch response lists as failed; sender faults are never resent. @default 3 */
  readonly maxRetries?: number;
  /** Wait before the first resend, doubled before each next one. @default 200 */
  readonly baseDelayMs?: number;
  /** @default 5000 */
  readonly maxDelayMs?: number;
  /** @default a timer; tests pass one that returns at once */
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Entry {
  readonly message: DecisionMessage;
  readonly request: SendMessageBatchRequestEntry;
}

interface EntryFailure {
  readonly entry: Entry;
  readonly reason: string;
  readonly retryable: boolean;
}

/**
 * Publishes decision messages to a FIFO queue: one message group per symbol, and a
 * deduplication id per candle, so resending an entry SQS may already hold is harmless.
 */
export class SqsDecisionQueue implements DecisionQueue {
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SqsDecisionQueueOptions) {
    if (!options.queueUrl.endsWith('.fifo')) throw new InvalidInputError('queueUrl', `${options.queueUrl} is not a FIFO queue`);
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async publish(messages: readonly DecisionMessage[]): Promise<PublishReport> {
    const entries = messages.map((message, index): Entry => ({
      message,
      request: {
        Id: `m${index}`,
        MessageBody: JSON.stringify(message),
        MessageGroupId: message.symbol,
        MessageDeduplicationId: decisionDeduplicationId(message),
      },
    }));
    let published = 0;
    const failed: PublishFailure[] = [];
    // One batch after another, so a symbol's messages reach its group in the order given.
    for (const batch of toSendBatches(entries)) {
      const report = await this.sendWithRetries(batch);
      published += report.published;
      failed.push(...report.failed);
    }
    return { published, failed };
  }

  private async sendWithRetries(batch: readonly Entry[]): Promise<PublishReport> {
    let pending = batch;
    let published = 0;
    const failed: PublishFailure[] = [];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const outcome = await this.send(pending);
      published += outcome.published;
      const retry: Entry[] = [];
      for (const failure of outcome.failures) {
        if (failure.retryable && attempt < this.maxRetries) {
          retry.push(failure.entry);
          continue;
        }
        failed.push({ message: failure.entry.message, reason: failure.reason });
        this.options.logger.error(
          { ...this.describe(failure.entry), reason: failure.reason, attempts: attempt + 1 },
          'decision message not published',
        );
      }
      if (retry.length > 0) {
        const delayMs = Math.min(this.baseDelayMs * 2 ** attempt, this.maxDelayMs);
        this.options.logger.warn({ queueUrl: this.options.queueUrl, entries: retry.length, delayMs }, 'resending failed batch entries');
        await this.sleep(delayMs);
      }
      pending = retry;
    }
    return { published, failed };
  }

  private async send(entries: readonly Entry[]): Promise<{ published: number; failures: EntryFailure[] }> {
    let response;
    try {
      response = await this.options.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries.map((entry) => entry.request) }),
      );
    } catch (error) {
      // The SDK has already retried the request; the other batches still go out.
      const reason = `SendMessageBatch failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      return { published: 0, failures: entries.map((entry) => ({ entry, reason, retryable: false })) };
    }
    const succeeded = new Set((response.Successful ?? []).map((result) => result.Id));
    const failedById = new Map((response.Failed ?? []).map((result) => [result.Id, result]));
    const failures: EntryFailure[] = [];
    for (const entry of entries) {
      if (succeeded.has(entry.request.Id)) continue;
      const result = failedById.get(entry.request.Id);
      failures.push(
        result
          ? { entry, reason: `${result.Code}: ${result.Message ?? 'no message'}`, retryable: result.SenderFault !== true }
          : { entry, reason: 'absent from the SendMessageBatch response', retryable: true },
      );
    }
    return { published: entries.length - failures.length, failures };
  }

  private describe(entry: Entry): object {
    return {
      queueUrl: this.options.queueUrl,
      symbol: entry.message.symbol,
      timeframe: entry.message.timeframe,
      openTime: entry.message.candle.openTime,
      deduplicationId: entry.request.MessageDeduplicationId,
    };
  }
}
