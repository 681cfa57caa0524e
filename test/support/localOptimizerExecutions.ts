import { type StateMachineDefinition, StateMachine } from 'aws-local-stepfunctions';
import type { BatchExecutionStatus, BatchExecutions } from '../../lib/ports/BatchExecutions.js';
import type { AslDefinition } from './aslDefinition.js';

type Handler = (input: never) => Promise<unknown>;

/**
 * The optimizer's synthesized ASL run by aws-local-stepfunctions, every Task bound to the
 * given handler (by state name), behind the port the CLI starts and polls executions through.
 */
export class LocalOptimizerExecutions implements BatchExecutions {
  readonly location = 'aws-local-stepfunctions';
  readonly inputs: Record<string, unknown>[] = [];
  private readonly runs = new Map<string, { settled?: BatchExecutionStatus }>();

  constructor(
    private readonly definition: AslDefinition,
    private readonly tasks: readonly string[],
    private readonly handler: Handler,
  ) {}

  start(name: string, input: Readonly<Record<string, unknown>>): Promise<string> {
    this.inputs.push({ ...input });
    const handlers = Object.fromEntries(this.tasks.map((task) => [task, (event: unknown) => this.handler(event as never)]));
    const execution = new StateMachine(structuredClone(this.definition) as unknown as StateMachineDefinition, { validationOptions: { checkPaths: false, checkArn: false } }).run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: Object.fromEntries(this.tasks.map((task) => [task, 0])) },
    });
    const run: { settled?: BatchExecutionStatus } = {};
    this.runs.set(name, run);
    execution.result.then(
      () => (run.settled = { status: 'SUCCEEDED' }),
      (error: unknown) => (run.settled = { status: 'FAILED', error: (error as { name?: string }).name ?? 'Error', cause: (error as Error).message }),
    );
    return Promise.resolve(name);
  }

  status(executionId: string): Promise<BatchExecutionStatus> {
    const run = this.runs.get(executionId);
    if (run === undefined) throw new Error(`no execution ${executionId}`);
    return Promise.resolve(run.settled ?? { status: 'RUNNING' });
  }
}
