import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { BatchExecutionStatus, BatchExecutions } from '../../ports/BatchExecutions.js';

/** BatchExecutions on one Step Functions state machine. */
export class SfnBatchExecutions implements BatchExecutions {
  constructor(
    private readonly client: SFNClient,
    readonly location: string,
  ) {}

  async start(name: string, input: Readonly<Record<string, unknown>>): Promise<string> {
    const answer = await this.client.send(new StartExecutionCommand({ stateMachineArn: this.location, name, input: JSON.stringify(input) }));
    if (answer.executionArn === undefined) throw new Error(`StartExecution on ${this.location} answered without an execution ARN`);
    return answer.executionArn;
  }

  async status(executionId: string): Promise<BatchExecutionStatus> {
    const answer = await this.client.send(new DescribeExecutionCommand({ executionArn: executionId }));
    return { status: answer.status ?? 'RUNNING', ...(answer.error !== undefined && { error: answer.error }), ...(answer.cause !== undefined && { cause: answer.cause }) };
  }
}
