import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { KILL_SWITCH_STATES } from '../../lib/domain/killSwitch.js';
import type { RuntimeConfig } from '../../lib/domain/runtimeConfig.js';
import { killSwitchParameterName, runtimeConfigParameterName } from '../parameterNames.js';

export interface BotControlsProps {
  readonly botId: string;
  /** The runtime configuration parameter's first value: the deployed risk and strategy. */
  readonly initialRuntimeConfig: RuntimeConfig;
}

/**
 * What an operator changes without a deploy: the kill switch and the runtime
 * configuration (SSM parameters), and the exchange API key (a Secrets Manager secret
 * created with a generated placeholder, so no key material is ever in the template;
 * put `{"apiKey": …, "secret": …}` into it after the first deploy).
 */
export class BotControls extends Construct {
  readonly killSwitch: StringParameter;
  readonly runtimeConfig: StringParameter;
  readonly exchangeSecret: Secret;

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
    this.exchangeSecret = new Secret(this, 'ExchangeSecret', {
      secretName: `/${props.botId}/exchange-api-key`,
      description: `Exchange API key for bot ${props.botId}: {"apiKey": "...", "secret": "..."}`,
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
    });
    Validations.of(this.exchangeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The exchange issues this API key; no rotation function can create one. Rotate it at the exchange and put the new key here.',
    });
  }
}
