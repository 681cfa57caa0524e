import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureEntries, synthTraderStack } from './synthTraderStack.js';

const CCXT_HANDLER = fileURLToPath(new URL('./fixtures/ccxtHandler.ts', import.meta.url));
let bundle: string;

beforeAll(() => {
  // One function carries the ccxt handler: bundling it for every function would only take longer.
  const stack = synthTraderStack({ entries: fixtureEntries({ capture: CCXT_HANDLER }) });
  const assembly = (stack.node.root as App).synth();
  const captureId = stack.getLogicalId(stack.functions.functions.capture.node.defaultChild as never);
  const fn = Template.fromStack(stack).findResources('AWS::Lambda::Function')[captureId];
  const key = (fn?.Properties as { Code: { S3Key: string } }).Code.S3Key;
  bundle = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
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
