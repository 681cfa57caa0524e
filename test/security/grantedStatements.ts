import { asList, type Statement } from '../infra/rolePolicies.js';

/** The CloudFormation types that hold the bot's data and secrets, and their IAM service prefix. */
export const DATA_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::SQS::Queue': 'sqs',
  'AWS::SSM::Parameter': 'ssm',
  'AWS::SecretsManager::Secret': 'secretsmanager',
};

export interface DataResource {
  readonly logicalId: string;
  readonly type: string;
  readonly service: string;
  /** The physical name when the template sets one (a parameter's, the secret's): a policy may name it instead of referencing it. */
  readonly name?: string;
}

export interface GrantedStatement {
  /** The logical id of the policy, role or resource policy holding it. */
  readonly holder: string;
  readonly statement: Statement & { readonly NotAction?: unknown; readonly NotResource?: unknown };
}

interface TemplateJson {
  readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>>;
}

export function dataResources(template: TemplateJson): DataResource[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => DATA_RESOURCE_TYPES[resource.Type] !== undefined)
    .map(([logicalId, resource]) => {
      const name = resource.Properties?.['Name'] ?? resource.Properties?.['TableName'] ?? resource.Properties?.['QueueName'];
      return { logicalId, type: resource.Type, service: DATA_RESOURCE_TYPES[resource.Type]!, ...(typeof name === 'string' ? { name } : {}) };
    });
}

/**
 * Every Allow statement of every policy document in the template, wherever it sits: an IAM or
 * managed policy, a role's inline policies, a resource policy (queue, topic, secret).
 */
export function allowStatements(template: TemplateJson): GrantedStatement[] {
  const found: GrantedStatement[] = [];
  for (const [holder, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    const inline = Array.isArray(properties['Policies']) ? (properties['Policies'] as { PolicyDocument?: unknown }[]).map((p) => p.PolicyDocument) : [];
    // A role's trust policy grants no action on a resource: it is not one of these.
    for (const document of [properties['PolicyDocument'], properties['ResourcePolicy'], ...inline]) {
      const statements = (document as { Statement?: unknown } | undefined)?.Statement;
      for (const statement of asList((statements ?? []) as GrantedStatement['statement'][])) {
        if (statement.Effect === 'Allow') found.push({ holder, statement });
      }
    }
  }
  return found;
}

/**
 * Whether a statement's resources take in `resource`: by a reference to its logical id, by its
 * name, or by a wildcard that covers its service ("*", or an ARN of the service with a "*").
 */
export function reaches(statement: GrantedStatement['statement'], resource: DataResource): boolean {
  if (statement.NotResource !== undefined) return true;
  return asList((statement.Resource ?? []) as unknown).some((element) => {
    const text = JSON.stringify(element) ?? '';
    if (text.includes(`"${resource.logicalId}"`)) return true;
    if (resource.name !== undefined && text.includes(resource.name)) return true;
    return text === '"*"' || (text.includes('*') && text.includes(`:${resource.service}:`));
  });
}

/** The actions of a statement that are not spelled out: any with a "*", and a NotAction (everything else). */
export function wildcardActions(statement: GrantedStatement['statement']): string[] {
  const wild = asList(statement.Action ?? []).filter((action) => action.includes('*'));
  return statement.NotAction === undefined ? wild : [...wild, `NotAction ${JSON.stringify(statement.NotAction)}`];
}
