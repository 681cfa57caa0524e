import { UsageError } from './killSwitchCommand.js';

/** The part of an AWS SDK v3 client's resolved config that says where and as whom it calls. */
export interface AwsClientConfig {
  readonly config: {
    readonly region: () => Promise<string>;
    readonly credentials: () => Promise<unknown>;
  };
}

const NEEDS =
  '  The deployed bot needs the region it is deployed in (--region eu-west-1, AWS_REGION, or a region in your AWS profile)\n' +
  '  and credentials allowed to reach it (AWS_PROFILE, `aws configure` or `aws sso login`).\n' +
  '  --aws goes to the deployed bot even while a local bot runs.';

/**
 * Checks, before any call, that the client has a region and credentials, so that a new user
 * with no local bot and no AWS settings reads what to do instead of the SDK's
 * `Error: Region is missing` or `Could not load credentials from any providers`.
 * `localBotsLookedFor`: the command looked for local bots and found none.
 */
export async function requireDeployedBotAccess(client: AwsClientConfig, localBotsLookedFor: boolean): Promise<void> {
  const target = localBotsLookedFor ? 'No local bot is running (start one with `npm start`), so this goes to the deployed bot' : 'This goes to the deployed bot';
  try {
    await client.config.region();
  } catch {
    throw new UsageError(`${target}, which is reached through AWS: no AWS region is set.\n${NEEDS}`);
  }
  try {
    await client.config.credentials();
  } catch (error) {
    throw new UsageError(`${target}, which is reached through AWS: no AWS credentials were found (${error instanceof Error ? error.message : String(error)}).\n${NEEDS}`);
  }
}
