import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNLOADABLE_CCXT_MODULES } from '../../cdk/bundling/unloadableCcxtModules.js';
import { LoopbackModelServer } from '../../lib/local/llm/LoopbackModelServer.js';
import { fixtureEntries, synthTraderStack } from './synthTraderStack.js';

const CCXT_HANDLER = fileURLToPath(new URL('./fixtures/ccxtHandler.ts', import.meta.url));
const SDK_HANDLER = fileURLToPath(new URL('./fixtures/sdkHandler.ts', import.meta.url));
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
});

describe('Construct: TraderFunction bundling', () => {
  it('carries the configured ccxt exchange alone (about 1.3 MB, not the 6 MB of all of ccxt)', () => {
    expect(statSync(bundle).size).toBeLessThan(2_000_000);
  });

  it("leaves out ccxt's mexc and dydx protobuf code, which needs the protobufjs the bundle stubs", () => {
    const text = readFileSync(bundle, 'utf8');
    // Each stays an import() of its path in ccxt, not a module in the bundle.
    const imported = [...text.matchAll(/import\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
    for (const pattern of UNLOADABLE_CCXT_MODULES) expect(imported.filter((path) => path.endsWith(pattern.replace('*', '')))).toHaveLength(1);
    expect(text).not.toContain('MsgPlaceOrder');
  });

  it('loads as an ES module and constructs the exchange without protobufjs installed', async () => {
    const module = (await import(pathToFileURL(bundle).href)) as { handler: () => Promise<string> };

    await expect(module.handler()).resolves.toEqual(expect.any(String));
  });
});

describe('Construct: TraderFunction bundling of the AWS SDK', () => {
  const LAMBDA_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_SESSION_TOKEN: 'session' };

  it('bundles the SDK, the Bedrock client included, with the credential chain cut to the environment Lambda fills', async () => {
    const text = readFileSync(sdkBundle, 'utf8');
    expect(text).not.toMatch(/(import\(|from ?)"@aws-sdk\/client-bedrock-runtime"/);
    // The default chain's other links are gone with the clients they need.
    expect(text).not.toContain('fromTokenFile');
    expect(text).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    const saved = { ...process.env };
    Object.assign(process.env, LAMBDA_CREDENTIALS);
    try {
      const module = (await import(pathToFileURL(sdkBundle).href)) as { handler: () => Promise<{ accessKeyId: string; bedrockAccessKeyId: string; stopReason?: string }> };
      const id = LAMBDA_CREDENTIALS.AWS_ACCESS_KEY_ID;
      await expect(module.handler()).resolves.toEqual({ accessKeyId: id, bedrockAccessKeyId: id });
      // The Bedrock client came from the bundle: node loaded no file of the package (an unbundled copy loads its own SDK core and full chain).
      expect(Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('client-bedrock-runtime'))).toEqual([]);
      for (const name of Object.keys(LAMBDA_CREDENTIALS)) delete process.env[name];
      // The Bedrock client asks first: only the cut chain fails this way, the full one would try files, SSO and the instance metadata.
      await expect(module.handler()).rejects.toThrow(/environment variable credentials/);
    } finally {
      process.env = saved;
    }
  });

  it('sends a signed Converse call through the bundled Bedrock client (HTTP/2, to the loopback model server)', async () => {
    const server = await LoopbackModelServer.start();
    const saved = { ...process.env };
    Object.assign(process.env, LAMBDA_CREDENTIALS);
    try {
      server.inject('prose');
      const module = (await import(pathToFileURL(sdkBundle).href)) as { handler: (event: { bedrockEndpoint: string }) => Promise<{ stopReason?: string }> };
      // The server refuses an unsigned call; its prose answer ends the turn without the tool.
      await expect(module.handler({ bedrockEndpoint: server.bedrockUrl })).resolves.toMatchObject({ stopReason: 'end_turn' });
    } finally {
      process.env = saved;
      await server.close();
    }
  });
});
