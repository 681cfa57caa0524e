import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraderStack } from '../../cdk/stack.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

let stack: TraderStack;
let template: Template;
let assetDir: (name: 'decide' | 'capture') => string;

beforeAll(() => {
  stack = synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, strategy: { name: 'model', params: {} } }) });
  const assembly = (stack.node.root as App).synth();
  template = Template.fromStack(stack);
  assetDir = (name) => {
    const id = stack.getLogicalId(stack.functions.functions[name].node.defaultChild as never);
    const fn = template.findResources('AWS::Lambda::Function')[id];
    const key = (fn?.Properties as { Code: { S3Key: string } }).Code.S3Key;
    return join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
  };
});

describe('Stack: a model bot', () => {
  it("ships decide with onnxruntime-node's linux-arm64 binary only, onnxruntime-common and the default checkpoint", () => {
    const decide = assetDir('decide');
    const binary = join(decide, 'node_modules/onnxruntime-node/bin/napi-v6/linux/arm64');
    expect(statSync(join(binary, 'libonnxruntime.so.1')).size).toBeGreaterThan(1_000_000);
    expect(existsSync(join(binary, 'onnxruntime_binding.node'))).toBe(true);
    expect(existsSync(join(decide, 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64'))).toBe(false);
    expect(existsSync(join(decide, 'node_modules/onnxruntime-node/dist/index.js'))).toBe(true);
    expect(existsSync(join(decide, 'node_modules/onnxruntime-common/package.json'))).toBe(true);
    expect(existsSync(join(decide, 'models/default/model.onnx'))).toBe(true);
    expect(existsSync(join(decide, 'models/default/model-card.json'))).toBe(true);
    expect(existsSync(join(assetDir('capture'), 'node_modules'))).toBe(false);
  });

  it('alarms when decide reports a stale checkpoint', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'testbot-ModelCheckpointStale',
      Namespace: 'ServerlessTrader/testbot',
      MetricName: 'ModelCheckpointStale',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});
