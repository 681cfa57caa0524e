import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { asList, rolePolicies } from './rolePolicies.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

function synthWith(params: Record<string, unknown>) {
  const stack = synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, strategy: { name: 'llm', params } }) });
  return { stack, template: Template.fromStack(stack) };
}

describe('Construct: LlmAccess', () => {
  it('grants decide bedrock:InvokeModel on exactly the configured foundation model, cdk-nag clean, and alarms on a spent budget', () => {
    const { stack, template } = synthWith({ modelId: 'amazon.nova-micro-v1:0' });
    const bedrock = rolePolicies(stack, template)
      .statementsOf('decide')
      .filter((statement) => asList(statement.Action).some((action) => action.startsWith('bedrock:')));
    expect(bedrock).toHaveLength(1);
    expect(asList(bedrock[0]!.Action)).toEqual(['bedrock:InvokeModel']);
    expect(JSON.stringify(bedrock[0]!.Resource)).toContain(':bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0');
    for (const name of ['capture', 'heartbeat', 'maintenance'] as const) {
      expect(rolePolicies(stack, template).statementsOf(name).flatMap((s) => asList(s.Action)).filter((a) => a.startsWith('bedrock:'))).toEqual([]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'testbot-LlmBudgetSpent', MetricName: 'LlmBudgetExhausted', Threshold: 1 });
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('grants read of the one configured secret for an OpenAI-compatible endpoint, and nothing on Bedrock', () => {
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-key-AbCdEf';
    const { stack, template } = synthWith({ provider: 'openai', endpoint: 'https://api.openai.com', modelId: 'gpt-4o-mini', apiKeySecretId: secretArn });
    const statements = rolePolicies(stack, template).statementsOf('decide');
    expect(statements.flatMap((s) => asList(s.Action)).filter((a) => a.startsWith('bedrock:'))).toEqual([]);
    const secretReads = statements.filter((s) => JSON.stringify(s.Resource).includes('llm-key'));
    expect(secretReads).toHaveLength(1);
    expect(secretReads[0]!.Resource).toBe(secretArn);
  });
});
