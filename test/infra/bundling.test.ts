import { mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_PROVIDED_MODULES } from '../../cdk/bundling/runtimeProvidedModules.js';
import { fixtureEntries, synthTraderStack } from './synthTraderStack.js';

const CCXT_HANDLER = fileURLToPath(new URL('./fixtures/ccxtHandler.ts', import.meta.url));
const SDK_HANDLER = fileURLToPath(new URL('./fixtures/sdkHandler.ts', import.meta.url));
const REPOSITORY_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
let bundle: string;
let sdkBundle: string;

beforeAll(() => {
  // One function carries the ccxt handler, one the SDK handler: bundling them for every function would only take longer.
  const stack = synthTraderStack({ entries: fixtureEntries({ capture: CCXT_HANDLER, decide: SDK_HANDLER }) });
  const assembly = (stack.node.root as App).synth();
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const bundleOf = (name: 'capture' | 'decide') => {
    const key = (functions[stack.getLogicalId(stack.functions.functions[name].node.defaultChild as never)]?.Properties as { Code: { S3Key: string } }).Code.S3Key;
    return join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
  };
  bundle = bundleOf('capture');
  sdkBundle = bundleOf('decide');
  // What the Lambda runtime provides resolves from beside the bundle (the runtime's node_modules in Lambda); the installed version stands in for it.
  for (const module of RUNTIME_PROVIDED_MODULES) {
    const link = join(dirname(sdkBundle), 'node_modules', module);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPOSITORY_MODULES, module), link, 'dir');
  }
});

describe('Construct: TraderFunction bundling', () => {
  it('carries the configured ccxt exchange alone (about 1.3 MB, not the 6 MB of all of ccxt)', () => {
    expect(statSync(bundle).size).toBeLessThan(2_000_000);
  });

  it('loads as an ES module and constructs the exchange without protobufjs installed', async () => {
    const module = (await import(pathToFileURL(bundle).href)) as { handler: () => Promise<string> };

    await expect(module.handler()).resolves.toEqual(expect.any(String));
  });
});

describe('Construct: TraderFunction bundling of the AWS SDK', () => {
  const LAMBDA_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_SESSION_TOKEN: 'session' };

  it('bundles the SDK with the credential chain cut to the environment Lambda fills, and takes the Bedrock client from the runtime', async () => {
    const text = readFileSync(sdkBundle, 'utf8');
    expect(text).toMatch(/import\("@aws-sdk\/client-bedrock-runtime"\)/);
    // The default chain's other links are gone with the clients they need.
    expect(text).not.toContain('fromTokenFile');
    expect(text).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    const saved = { ...process.env };
    Object.assign(process.env, LAMBDA_CREDENTIALS);
    try {
      const module = (await import(pathToFileURL(sdkBundle).href)) as { handler: () => Promise<{ accessKeyId: string; bedrockClient: string }> };
      await expect(module.handler()).resolves.toEqual({ accessKeyId: LAMBDA_CREDENTIALS.AWS_ACCESS_KEY_ID, bedrockClient: 'BedrockRuntimeClient' });
      for (const name of Object.keys(LAMBDA_CREDENTIALS)) delete process.env[name];
      await expect(module.handler()).rejects.toThrow(/environment variable credentials/);
    } finally {
      process.env = saved;
    }
  });
});
