import type { Template } from 'aws-cdk-lib/assertions';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { ReconcileFunctionName } from '../../cdk/functionEntries.js';
import type { TraderStack } from '../../cdk/stack.js';
import { logicalIdOf, stackFunctions } from './stackFunctions.js';

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}
interface PolicyResource {
  readonly Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** What the template's IAM policies grant each role, resources found by their logical ids. */
export function rolePolicies(stack: TraderStack, template: Template) {
  const policies = () => Object.values(template.findResources('AWS::IAM::Policy')) as PolicyResource[];
  /** Every statement of a role's policies, the role found by its logical id. */
  const roleStatements = (roleId: string): Statement[] =>
    policies()
      .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  /** Every statement of a function's role. */
  const statementsOf = (name: FunctionName | ReconcileFunctionName): Statement[] => roleStatements(logicalIdOf(stack, stackFunctions(stack)[name].role as never));
  /** The statements of a function's role on one resource. */
  const statementsOn = (name: FunctionName | ReconcileFunctionName, resourceId: string): Statement[] =>
    statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes(`"${resourceId}"`));
  return {
    policies,
    roleStatements,
    statementsOf,
    statementsOn,
    /** The actions a function's role may take on one resource, sorted. */
    actionsOn: (name: FunctionName | ReconcileFunctionName, resourceId: string): string[] => statementsOn(name, resourceId).flatMap((statement) => asList(statement.Action)).sort(),
    /** Every action a function's role may take, on anything. */
    actionsOf: (name: FunctionName | ReconcileFunctionName): string[] => statementsOf(name).flatMap((statement) => asList(statement.Action)),
  };
}
