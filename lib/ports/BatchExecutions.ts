/** How a run of the optimizer's state machine stands (Step Functions' execution statuses). */
export interface BatchExecutionStatus {
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  readonly error?: string;
  readonly cause?: string;
}

/** Starts and watches executions of the optimizer's state machine. */
export interface BatchExecutions {
  /** Starts an execution with the input; its id (the execution ARN in AWS). */
  start(name: string, input: Readonly<Record<string, unknown>>): Promise<string>;
  status(executionId: string): Promise<BatchExecutionStatus>;
  /** Names the machine in messages. */
  readonly location: string;
}
