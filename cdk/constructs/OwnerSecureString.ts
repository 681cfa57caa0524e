import { Arn, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * An SSM SecureString the owner puts after the first deploy (CloudFormation cannot create
 * one): the stack only names it and grants reading it. A standard parameter under the
 * AWS-managed key aws/ssm costs nothing a month, where a Secrets Manager secret costs $0.40.
 */
export class OwnerSecureString {
  readonly parameterArn: string;

  constructor(
    scope: Construct,
    readonly parameterName: string,
  ) {
    if (!parameterName.startsWith('/')) throw new Error(`${parameterName}: an owner's SecureString is named by a path starting with /`);
    // A name starting with `/` is the ARN's resource `parameter/<name without the slash>`.
    this.parameterArn = Arn.format({ service: 'ssm', resource: 'parameter', resourceName: parameterName.slice(1) }, Stack.of(scope));
  }

  /**
   * ssm:GetParameter on this parameter only. The AWS-managed key aws/ssm's key policy lets any
   * principal of the account decrypt through SSM, so no kms statement is needed (nor could one
   * name that key's id at synth time).
   */
  grantRead(grantee: IGrantable): void {
    Grant.addToPrincipal({ grantee, actions: ['ssm:GetParameter'], resourceArns: [this.parameterArn] });
  }
}
