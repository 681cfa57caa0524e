/**
 * The decisions queue's redelivery settings, shared by the stack (DecisionQueues) and the
 * local runtime's in-process queue. No CDK import here, so the local runtime loads it
 * without aws-cdk-lib.
 */
export const DECISION_MAX_RECEIVE_COUNT = 5;

/** Six times the consumer's timeout, as AWS advises for a Lambda event source. */
export const decisionVisibilityTimeoutSeconds = (consumerTimeoutSeconds: number): number => consumerTimeoutSeconds * 6;
