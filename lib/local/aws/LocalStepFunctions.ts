import {
  type DescribeExecutionCommandInput,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidExecutionInput,
  SFNClient,
  type StartExecutionCommandInput,
  type StartExecutionCommandOutput,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/Clock.js';
import { systemClock } from '../../runtime/systemClock.js';
import type { ReconciliationRun } from '../runReconciliation.js';
import { answerLocally } from './answerLocally.js';

export type LocalExecutionStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface LocalExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly startDate: Date;
  readonly status: LocalExecutionStatus;
  /** Once it has run. */
  readonly run?: ReconciliationRun;
}

export interface RanExecution {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly run: ReconciliationRun;
}

export type RunExecution = (name: string, input: Record<string, unknown>) => Promise<ReconciliationRun>;

type Output<T> = Omit<T, '$metadata'>;

interface Execution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** As given, to tell a repeated start (same input) from a conflicting one. */
  readonly inputText: string;
  readonly startDate: Date;
  status: LocalExecutionStatus;
  run?: ReconciliationRun;
  stopDate?: Date;
}

/**
 * Step Functions for the bot's one state machine. StartExecution only queues the execution,
 * as Step Functions runs it apart from the caller; `runPending` runs what is queued. Names
 * behave as in Step Functions: a name is used once, except that starting a queued or running
 * execution again with the same input returns it; anything else is ExecutionAlreadyExists.
 */
export class LocalStepFunctions {
  private readonly all: Execution[] = [];
  private draining: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly stateMachineArn: string,
    private readonly runExecution: RunExecution,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A client answering StartExecution and DescribeExecution from these executions. */
  client(): SFNClient {
    const client = new SFNClient({ region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return answerLocally(client, {
      StartExecutionCommand: (input: StartExecutionCommandInput) => Promise.resolve(this.start(input)),
      DescribeExecutionCommand: (input: DescribeExecutionCommandInput) => Promise.resolve(this.describe(input)),
    });
  }

  /**
   * Runs the queued executions one after another in start order, those started meanwhile
   * (by a run, say) included, until none is left; returns what it ran. A call while another
   * is running waits for it first.
   */
  runPending(): Promise<readonly RanExecution[]> {
    const ran = this.draining.then(() => this.drain());
    this.draining = ran.catch(() => undefined);
    return ran;
  }

  /** Every execution so far, in start order. */
  executions(): readonly LocalExecution[] {
    return this.all.map(({ executionArn, name, input, startDate, status, run }) => ({ executionArn, name, input, startDate, status, ...(run ? { run } : {}) }));
  }

  private start(input: StartExecutionCommandInput): Output<StartExecutionCommandOutput> {
    if (input.stateMachineArn !== this.stateMachineArn) {
      throw new StateMachineDoesNotExist({ message: `State Machine Does Not Exist: '${input.stateMachineArn ?? ''}' (the local one is ${this.stateMachineArn})`, $metadata: {} });
    }
    const name = input.name ?? randomUUID();
    const inputText = input.input ?? '{}';
    const existing = this.all.find((execution) => execution.name === name);
    if (existing !== undefined) {
      const unfinished = existing.status === 'PENDING' || existing.status === 'RUNNING';
      if (unfinished && existing.inputText === inputText) return { executionArn: existing.executionArn, startDate: existing.startDate };
      throw new ExecutionAlreadyExists({ message: `Execution Already Exists: '${existing.executionArn}'`, $metadata: {} });
    }
    const execution: Execution = {
      executionArn: `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
      name,
      input: parseInput(inputText),
      inputText,
      startDate: new Date(this.clock.now()),
      status: 'PENDING',
    };
    this.all.push(execution);
    return { executionArn: execution.executionArn, startDate: execution.startDate };
  }

  private describe(input: DescribeExecutionCommandInput): Output<DescribeExecutionCommandOutput> {
    const execution = this.all.find((candidate) => candidate.executionArn === input.executionArn);
    if (execution === undefined) throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${input.executionArn ?? ''}'`, $metadata: {} });
    const { run } = execution;
    return {
      executionArn: execution.executionArn,
      stateMachineArn: this.stateMachineArn,
      name: execution.name,
      // Queued is running, to the caller: Step Functions has no pending status.
      status: execution.status === 'PENDING' ? 'RUNNING' : execution.status,
      startDate: execution.startDate,
      input: execution.inputText,
      ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
      ...(run?.status === 'SUCCEEDED' ? { output: JSON.stringify(run.output ?? null) } : {}),
      ...(run?.status === 'FAILED' ? { error: 'ExecutionFailed', cause: run.error ?? 'no cause given' } : {}),
    };
  }

  private async drain(): Promise<readonly RanExecution[]> {
    const ran: RanExecution[] = [];
    for (let next = this.nextPending(); next !== undefined; next = this.nextPending()) {
      next.status = 'RUNNING';
      const run = await this.runExecution(next.name, next.input).catch(
        (error: unknown): ReconciliationRun => ({ status: 'FAILED', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), tasks: [] }),
      );
      next.run = run;
      next.status = run.status;
      next.stopDate = new Date(this.clock.now());
      ran.push({ name: next.name, input: next.input, run });
    }
    return ran;
  }

  private nextPending(): Execution | undefined {
    return this.all.find((execution) => execution.status === 'PENDING');
  }
}

function parseInput(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidExecutionInput({ message: `Invalid State Machine Execution Input: ${error instanceof Error ? error.message : String(error)}`, $metadata: {} });
  }
}
