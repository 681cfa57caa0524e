import { type DecisionMessage, decisionDeduplicationId } from '../../domain/decisionMessage.js';
import type { DecisionQueue, PublishReport } from '../../ports/DecisionQueue.js';
import type { InProcessFifoQueue } from './InProcessFifoQueue.js';

/** The decisions queue on the in-process FIFO queue, with the group and deduplication ids SqsDecisionQueue sends. */
export class InProcessDecisionQueue implements DecisionQueue {
  constructor(private readonly queue: InProcessFifoQueue) {}

  publish(messages: readonly DecisionMessage[]): Promise<PublishReport> {
    for (const message of messages) this.queue.send(message.symbol, decisionDeduplicationId(message), JSON.stringify(message));
    return Promise.resolve({ published: messages.length, failed: [] });
  }
}
