import type { DecisionMessage } from '../domain/decisionMessage.js';

export interface PublishFailure {
  readonly message: DecisionMessage;
  readonly reason: string;
}

/** Every message is either counted in `published` or listed in `failed`. */
export interface PublishReport {
  readonly published: number;
  readonly failed: readonly PublishFailure[];
}

/** Where the scheduler hands closed candles to the decide function. */
export interface DecisionQueue {
  publish(messages: readonly DecisionMessage[]): Promise<PublishReport>;
}
