import type { Template } from 'aws-cdk-lib/assertions';
import { type AslDefinition, fakeLambdaArn } from '../../cdk/aslTypes.js';

export { type AslDefinition, type AslState, type AslStates, allStates, fakeLambdaArn } from '../../cdk/aslTypes.js';

/**
 * The state machine's DefinitionString as Step Functions receives it: the template's
 * Fn::Join joined, each function's `Fn::GetAtt [<logical id>, Arn]` a fake ARN named by
 * the logical id.
 */
export function synthesizedDefinition(template: Template): AslDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const definition = (machines[0]!.Properties as { DefinitionString: { 'Fn::Join': [string, unknown[]] } }).DefinitionString['Fn::Join'];
  const text = definition[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt?.[1] !== 'Arn') throw new Error(`unexpected reference in the definition: ${JSON.stringify(part)}`);
      return fakeLambdaArn(getAtt[0]);
    })
    .join(definition[0]);
  return JSON.parse(text) as AslDefinition;
}
