import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Packages decide's bundle must not carry, each with why. esbuild bundles every module a
 * function reaches by a value import, `import()` included, so a package reached from
 * functions/decide.ts is in its bundle.
 */
const NOT_IN_DECIDE: Readonly<Record<string, string>> = {
  '@aws-sdk/client-s3': 'about 0.16 MB, over decide\'s 1.5 MB (bench functions.decide.bundleBytes): decide reads checkpoints by a signed GET (lib/adapters/s3/signedObjectGet.ts)',
};

/** Value imports only: `import type` and `export type` are erased. */
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm;

/** Every package reached from `entry`, with the chain of files that reaches it first. */
function reachedPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: { file: string; chain: string[] }[] = [{ file: resolve(ROOT, entry), chain: [entry] }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { file, chain } = next;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (existsSync(target)) queue.push({ file: target, chain: [...chain, relative(ROOT, target)] });
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
        if (!packages.has(name)) packages.set(name, chain);
      }
    }
  }
  return packages;
}

describe('Architecture: what decide bundles', () => {
  it('reaches none of the packages kept out of decide', () => {
    const reached = reachedPackages(join('functions', 'decide.ts'));
    const offending = Object.keys(NOT_IN_DECIDE).flatMap((name) => (reached.has(name) ? [`${name} via ${reached.get(name)?.join(' → ')}`] : []));
    expect(offending).toEqual([]);
    // The walk sees what decide does bundle.
    expect([...reached.keys()]).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@smithy/signature-v4']));
  });

  it('finds the S3 client where it is bundled: the retrain function', () => {
    expect(reachedPackages(join('functions', 'retrain.ts')).has('@aws-sdk/client-s3')).toBe(true);
  });
});
