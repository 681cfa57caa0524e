import { Template } from 'aws-cdk-lib/assertions';
import aslValidator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AslDefinition, allStates, fakeLambdaArn } from '../../cdk/aslTypes.js';
import { synthesizeReconcileAsl } from '../../cdk/reconcileAsl.js';
import { RECONCILE_STATE_NAMES } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { synthesizedDefinition } from '../support/aslDefinition.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

let deployed: AslDefinition;

beforeAll(() => {
  deployed = synthesizedDefinition(Template.fromStack(synthTraderStack()));
  // The local runtime binds each Task by its state name, whatever the function behind it.
  for (const [name, state] of Object.entries(allStates(deployed))) if (state.Type === 'Task') state.Resource = fakeLambdaArn(name);
});

describe('Function: synthesizeReconcileAsl', () => {
  it("is the deployed state machine's ASL, each Task's Resource named by its state, without the bot's comment", () => {
    const { Comment, ...withoutComment } = deployed;

    expect(Comment).toContain(TEST_CONFIG.botId);
    expect(synthesizeReconcileAsl()).toEqual(withoutComment);
  });

  it('names every Task state in the contract', () => {
    const tasks = Object.entries(allStates(synthesizeReconcileAsl())).filter(([, state]) => state.Type === 'Task');

    expect(Object.fromEntries(tasks.map(([name, state]) => [name, state.Resource]))).toEqual(
      Object.fromEntries(Object.values(RECONCILE_STATE_NAMES).map((name) => [name, fakeLambdaArn(name)])),
    );
  });

  it('is valid Amazon States Language (asl-validator)', () => {
    const result = aslValidator(synthesizeReconcileAsl());

    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
});
