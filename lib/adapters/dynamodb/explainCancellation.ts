import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * The index of each transaction item whose condition failed, or undefined when the error
 * is not a cancelled transaction (or was cancelled for another reason, such as a conflict).
 */
export function failedConditions(error: unknown): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const failed = (error.CancellationReasons ?? []).flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
  return failed.length > 0 ? failed : undefined;
}
