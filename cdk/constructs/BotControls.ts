import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { KILL_SWITCH_STATES } from '../../lib/domain/killSwitch.js';
import type { RuntimeConfig } from '../../lib/domain/runtimeConfig.js';
import { exchangeCredentialsParameterName, killSwitchParameterName, runtimeConfigParameterName } from '../parameterNames.js';
import { OwnerSecureString } from './OwnerSecureString.js';

export interface BotControlsProps {
  readonly botId: string;
  /** The runtime configuration parameter's first value: the deployed risk and strategy. */
  readonly initialRuntimeConfig: RuntimeConfig;
}

/**
 * What an operator changes without a deploy: the kill switch and the runtime
 * configuration (SSM parameters), and the exchange API key: an SSM SecureString the owner
 * puts after the first deploy (`aws ssm put-parameter --type SecureString`, README "Exchange
 * keys"), so no key material is ever in the template.
 */
export class BotControls extends Construct {
  readonly killSwitch: StringParameter;
  readonly runtimeConfig: StringParameter;
  readonly exchangeCredentials: OwnerSecureString;

  constructor(scope: Construct, id: string, props: BotControlsProps) {
    super(scope, id);
    this.killSwitch = new StringParameter(this, 'KillSwitch', {
      parameterName: killSwitchParameterName(props.botId),
      description: `${KILL_SWITCH_STATES.join(' | ')}; anything else reads as HALT`,
      stringValue: 'RUN',
      tier: ParameterTier.STANDARD,
    });
    this.runtimeConfig = new StringParameter(this, 'RuntimeConfig', {
      parameterName: runtimeConfigParameterName(props.botId),
      description: 'Risk limits and strategy parameters (RuntimeConfigSchema), replacing the deployed ones whole',
      stringValue: JSON.stringify(props.initialRuntimeConfig),
      tier: ParameterTier.STANDARD,
    });
    this.exchangeCredentials = new OwnerSecureString(this, exchangeCredentialsParameterName(props.botId));
  }
}
