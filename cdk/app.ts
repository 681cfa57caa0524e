import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { functionEntries } from './functionEntries.js';
import { loadBotConfigFile } from './loadBotConfigFile.js';
import { TraderStack } from './stack.js';
import { retrainContext } from './retrainContext.js';

/**
 * The CDK app: one TraderStack for the bot in config/bot.json (another file with
 * `-c botConfig=path`). Every AwsSolutions finding fails the synth unless acknowledged,
 * with its reason, next to the resource.
 */
const app = new App();
const configPath = String(app.node.tryGetContext('botConfig') ?? 'config/bot.json');
const config = loadBotConfigFile(configPath);

const entries = functionEntries(resolve('functions'));
const missing = Object.values(entries).filter((entry) => !existsSync(entry));
if (missing.length > 0) throw new Error(`cannot synth: handler file(s) missing: ${missing.join(', ')}`);

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new TraderStack(app, `Trader-${config.botId}`, {
  description: `serverless-trader bot ${config.botId} (${config.exchange.id}, ${config.mode})`,
  config,
  entries,
  optimizer: ['true', true].includes(app.node.tryGetContext('optimizer') as string | boolean),
  ...retrainContext(app.node.tryGetContext('retrain')),
  ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
