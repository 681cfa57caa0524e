import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { StrategyConfig } from '../../lib/domain/config.js';
import { METRICS_SERVICE_NAME, metricsNamespace } from '../../lib/runtime/lambda/metricNames.js';
import { LLM_STRATEGY_NAME, parseLlmParams } from '../../lib/strategy/llm/createLlmStrategy.js';
import type { LlmParams } from '../../lib/strategy/llm/llmParams.js';
import { LLM_METRIC_NAMES } from '../../lib/strategy/llm/LlmServices.js';

export interface LlmAccessProps {
  readonly botId: string;
  /** The deployed strategy; nothing is granted unless it is `llm`. */
  readonly strategy: StrategyConfig;
  readonly decide: IFunction;
  readonly alarmTopic: ITopic;
}

/**
 * What the `llm` strategy needs, for exactly the configured model: Bedrock's
 * `bedrock:InvokeModel` (which Converse is authorized by) on the one foundation model, or
 * read access to the one secret holding an OpenAI-compatible endpoint's key; and an alarm
 * when the day's budget is spent. A strategy switched to `llm` later through the runtime
 * configuration gets no grant: deploy with it in config/bot.json.
 */
export class LlmAccess extends Construct {
  readonly budgetAlarm?: Alarm;

  constructor(scope: Construct, id: string, props: LlmAccessProps) {
    super(scope, id);
    if (props.strategy.name !== LLM_STRATEGY_NAME) return;
    const params = parseLlmParams(props.strategy.params);
    if (params.provider === 'bedrock') {
      props.decide.addToRolePolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [this.modelArn(params)] }));
    } else if (params.apiKeySecretId !== undefined) {
      const secretId = params.apiKeySecretId;
      const secret = secretId.startsWith('arn:') ? Secret.fromSecretCompleteArn(this, 'ApiKey', secretId) : Secret.fromSecretNameV2(this, 'ApiKey', secretId);
      secret.grantRead(props.decide);
    }
    this.budgetAlarm = new Alarm(this, 'BudgetSpent', {
      alarmName: `${props.botId}-LlmBudgetSpent`,
      alarmDescription: `${props.botId}: the llm strategy spent its daily budget (${params.dailyBudgetUsd} USD): no model calls until the next UTC day`,
      metric: new Metric({
        namespace: metricsNamespace(props.botId),
        metricName: LLM_METRIC_NAMES.budgetExhausted,
        dimensionsMap: { service: METRICS_SERVICE_NAME },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.alarmTopic);
    this.budgetAlarm.addAlarmAction(action);
    this.budgetAlarm.addOkAction(action);
  }

  /** The foundation model's ARN (no account: foundation models are AWS's), in the configured region or the stack's. */
  private modelArn(params: LlmParams): string {
    if (params.modelId.startsWith('arn:')) return params.modelId;
    const stack = Stack.of(this);
    return stack.formatArn({ service: 'bedrock', account: '', region: params.region ?? stack.region, resource: 'foundation-model', resourceName: params.modelId });
  }
}
