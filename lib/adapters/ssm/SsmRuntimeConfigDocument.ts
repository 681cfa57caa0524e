import { GetParameterCommand, ParameterNotFound, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { InvalidInputError } from '../../domain/errors.js';
import { type RuntimeConfig, RuntimeConfigSchema } from '../../domain/runtimeConfig.js';
import { parseWith } from '../../domain/validation.js';

/**
 * The runtime-config parameter as a document a tool reads and replaces (the retrain job,
 * `npm run promote`), where SsmRuntimeConfig is the bot's never-throwing reader. A value
 * that does not parse is an error naming the parameter: a tool never builds on a bad one.
 */
export class SsmRuntimeConfigDocument {
  constructor(
    private readonly client: SSMClient,
    readonly parameterName: string,
    /** What the bot runs while the parameter holds nothing: the deployed risk and strategy. */
    private readonly deployed: RuntimeConfig,
  ) {}

  async read(): Promise<RuntimeConfig> {
    let value: string | undefined;
    try {
      value = (await this.client.send(new GetParameterCommand({ Name: this.parameterName }))).Parameter?.Value;
    } catch (error) {
      if (error instanceof ParameterNotFound) return this.deployed;
      throw error;
    }
    if (value === undefined) return this.deployed;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch (error) {
      throw new InvalidInputError(this.parameterName, `not valid JSON (${(error as Error).message})`);
    }
    return parseWith(RuntimeConfigSchema, json, this.parameterName);
  }

  async write(config: RuntimeConfig): Promise<void> {
    const value = parseWith(RuntimeConfigSchema, config, this.parameterName);
    await this.client.send(new PutParameterCommand({ Name: this.parameterName, Value: JSON.stringify(value), Type: 'String', Overwrite: true }));
  }
}
