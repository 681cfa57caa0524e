import { type GetParameterCommandInput, type GetParameterCommandOutput, ParameterNotFound, type PutParameterCommandInput, type PutParameterCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { answerLocally } from './answerLocally.js';
import type { LocalParameterStore } from './LocalParameterStore.js';

type Output<T> = Omit<T, '$metadata'>;

/**
 * An SSM client whose GetParameter and PutParameter read and write the local parameter
 * file, so SsmKillSwitch and SsmRuntimeConfig run locally as they run in Lambda. A missing
 * parameter is SSM's ParameterNotFound, as they expect.
 */
export function localSsmClient(store: LocalParameterStore): SSMClient {
  const client = new SSMClient({ region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return answerLocally(client, {
    GetParameterCommand: async (input: GetParameterCommandInput): Promise<Output<GetParameterCommandOutput>> => {
      const parameter = await store.get(input.Name ?? '');
      if (parameter === undefined) throw new ParameterNotFound({ message: `Parameter ${input.Name} not found in ${store.file}`, $metadata: {} });
      return {
        Parameter: {
          Name: input.Name,
          Type: 'String',
          Value: parameter.value,
          Version: parameter.version,
          LastModifiedDate: new Date(parameter.lastModified),
          DataType: 'text',
        },
      };
    },
    PutParameterCommand: async (input: PutParameterCommandInput): Promise<Output<PutParameterCommandOutput>> => {
      if (input.Name === undefined || input.Value === undefined) throw new Error(`PutParameterCommand: Name and Value are required (got Name ${input.Name})`);
      const version = await store.put(input.Name, input.Value, { overwrite: input.Overwrite === true });
      return { Version: version, Tier: 'Standard' };
    },
  });
}
