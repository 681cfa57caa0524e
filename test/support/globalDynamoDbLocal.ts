import type { TestProject } from 'vitest/node';
import { DynamoDbLocal } from '../../lib/local/DynamoDbLocal.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbLocalEndpoint: string;
  }
}

let local: DynamoDbLocal | undefined;

/** One DynamoDB Local for the whole run: each test file makes its own tables in it. */
export async function setup(project: TestProject): Promise<void> {
  local = await DynamoDbLocal.start({ startTimeoutMs: 120_000 });
  project.provide('dynamoDbLocalEndpoint', local.endpoint);
}

export async function teardown(): Promise<void> {
  await local?.stop();
}
