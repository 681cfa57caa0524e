import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Optimizer, type OptimizerProps } from '../../cdk/constructs/Optimizer.js';
import { type AslDefinition, fakeLambdaArn } from './aslDefinition.js';

const FIXTURE_HANDLER = fileURLToPath(new URL('../infra/fixtures/handler.ts', import.meta.url));

/** The Optimizer alone in a stack (one tiny function to bundle), its template, and its ASL as Step Functions receives it. */
export function synthOptimizer(props: Partial<OptimizerProps> = {}) {
  const stack = new Stack(new App(), 'OptimizerTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const optimizer = new Optimizer(stack, 'Optimizer', { botId: 'testbot', entry: FIXTURE_HANDLER, ccxtExchangeId: 'binance', ...props });
  const template = Template.fromStack(stack);
  const machine = template.findResources('AWS::StepFunctions::StateMachine')[stack.getLogicalId(optimizer.stateMachine.node.defaultChild as never)];
  const definition = JSON.parse(resolve((machine!.Properties as { DefinitionString: unknown }).DefinitionString)) as AslDefinition;
  return { stack, optimizer, template, definition };
}

/**
 * The DefinitionString's Fn::Join joined: a function's `Fn::GetAtt [id, Arn]` is a fake ARN
 * named by its logical id, a `Ref` the logical id (the bucket's name), the partition `aws`.
 */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  if ('Fn::Join' in record) {
    const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if ('Fn::GetAtt' in record) return fakeLambdaArn((record['Fn::GetAtt'] as [string, string])[0]);
  if ('Ref' in record) return record.Ref === 'AWS::Partition' ? 'aws' : String(record.Ref);
  throw new Error(`unexpected reference in the definition: ${JSON.stringify(value)}`);
}
