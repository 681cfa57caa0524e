import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { exchangeCredentialsParameterName } from '../../cdk/parameterNames.js';
import { synthTraderStack } from '../infra/synthTraderStack.js';
import { type DataResource, type GrantedStatement, allowStatements, dataResources, reaches, wildcardActions } from './grantedStatements.js';

// Synthesized once, at collection, so each resource is a case of its own.
const stack = synthTraderStack();
const template = Template.fromStack(stack).toJSON() as Parameters<typeof dataResources>[0];
const DATA = dataResources(template);
const GRANTED = allowStatements(template);

const grantsOn = (resource: DataResource): GrantedStatement[] => GRANTED.filter(({ statement }) => reaches(statement, resource));
const label = (resource: DataResource) => `${resource.type} ${resource.logicalId}`;

describe('Security: IAM on the bot’s data and secrets (synthesized template)', () => {
  it('finds every table, queue, parameter and secret of the stack', () => {
    expect(DATA.map((r) => r.type).sort()).toEqual([
      ...Array<string>(7).fill('AWS::DynamoDB::Table'),
      'AWS::SQS::Queue',
      'AWS::SQS::Queue',
      'AWS::SSM::Parameter',
      'AWS::SSM::Parameter',
    ]);
  });

  it.each(DATA.map((r) => [label(r), r] as const))('%s: every statement granting on it names its actions, none with a "*"', (_label, resource) => {
    const grants = grantsOn(resource);
    const wild = grants.flatMap(({ holder, statement }) => wildcardActions(statement).map((action) => `${holder}: ${action}`));

    expect(wild).toEqual([]);
  });

  it('is not vacuous: every table, the decisions queue, both parameters and the secret are granted to some role by name', () => {
    const named = (r: DataResource) => grantsOn(r).filter(({ statement }) => JSON.stringify(statement.Resource).includes(`"${r.logicalId}"`));
    const ungranted = DATA.filter((r) => named(r).length === 0).map((r) => r.logicalId);
    // Only the dead-letter queue: nothing reads it but the console and the alarm.
    expect(ungranted).toEqual([expect.stringMatching(/^QueuesDeadLetters/)]);
  });

  it.each([
    ['an action of the service', { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:*'], Resource: { 'Fn::GetAtt': ['TABLE', 'Arn'] } }, ['dynamodb:*']],
    ['a prefix of actions', { Effect: 'Allow', Action: 'dynamodb:Get*', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TABLE', 'Arn'] }, '/index/x']] } }, ['dynamodb:Get*']],
    ['every action', { Effect: 'Allow', Action: '*', Resource: '*' }, ['*']],
    ['NotAction', { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:dynamodb:*:*:table/*' }, ['NotAction "iam:*"']],
  ] as const)('would catch %s on a table (the check can fail)', (_what, statement, expected) => {
    const table: DataResource = { logicalId: 'TABLE', type: 'AWS::DynamoDB::Table', service: 'dynamodb' };
    const granted = statement as unknown as GrantedStatement['statement'];

    expect(reaches(granted, table)).toBe(true);
    expect(wildcardActions(granted)).toEqual(expected);
  });

  it('keeps the exchange key out of the template: no secret, no dynamic reference, functions get the SecureString’s name only and may only GetParameter it', () => {
    const text = JSON.stringify(template);
    const parameterName = exchangeCredentialsParameterName('testbot');
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    const inEnvironment = functions.flatMap((f) => Object.entries(((f.Properties?.['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {})).filter(([, v]) => JSON.stringify(v).includes('exchange-credentials')));
    const grants = GRANTED.filter(({ statement }) => JSON.stringify(statement.Resource).includes(`:parameter${parameterName}"`));

    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::SecretsManager::Secret')).toEqual([]);
    expect(text).not.toMatch(/\{\{resolve:(secretsmanager|ssm-secure)/);
    expect(text).not.toContain('"SecretString"');
    expect(inEnvironment.length).toBeGreaterThan(0);
    for (const [name, value] of inEnvironment) expect([name, value]).toEqual(['EXCHANGE_CREDENTIALS_PARAMETER', parameterName]);
    expect(grants.length).toBeGreaterThan(0);
    for (const { statement } of grants) expect(statement.Action).toBe('ssm:GetParameter');
  });
});

describe('Security: cdk-nag AwsSolutions on the same stack', () => {
  it('finds nothing unacknowledged, and no acknowledged wildcard names a table, queue, parameter or secret', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    const acknowledged = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>));

    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((rule) => DATA.some((r) => rule.includes(r.logicalId)))).toEqual([]);
  });
});
