import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LIB = join(ROOT, 'lib');

/** Where DynamoDB's SDK may be imported: its adapters, and the local runtime that starts DynamoDB Local and makes tables. */
const DYNAMODB_HOMES = ['lib/adapters/dynamodb/', 'lib/local/'];

/** Files outside those homes allowed a type-only import of the document client, each with why. */
const TYPE_ONLY_DYNAMODB_IMPORTS: Readonly<Record<string, string>> = {};

/** The project's error base; every other error class extends it (or a subclass of it). */
const ERROR_BASE = { file: 'lib/domain/errors.ts', name: 'TraderError' };

/** Error classes that must not extend the base, each with why. */
const PLAIN_ERRORS: Readonly<Record<string, string>> = {
  'lib/local/runtime/ExecutionEnvironmentDied.ts#ExecutionEnvironmentDied':
    'plays a dead Lambda sandbox in the local runtime: a crash the bot never throws on purpose, so no handler may take it for one of its own',
  'lib/local/aws/answerLocally.ts#NotAvailableLocallyError': 'stands in, in the local runtime, for an AWS service refusing a command; the bot sees it as an SDK error',
  'lib/local/exchange-sim/errors.ts#VenueError': "the exchange simulator's HTTP rejection, answered over the wire; the bot only ever sees ccxt's error for it",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(LIB).map((path) => ({ path: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

const DYNAMODB_IMPORT = /^\s*(import|export)\b([^;]*?)\bfrom\s+'@aws-sdk\/(lib|client)-dynamodb'|import\(\s*'@aws-sdk\/(lib|client)-dynamodb'\s*\)/gm;

describe('Architecture: layering', () => {
  it('imports DynamoDB only in lib/adapters/dynamodb and lib/local', () => {
    const offending = files.flatMap(({ path, text }) => {
      if (DYNAMODB_HOMES.some((home) => path.startsWith(home))) return [];
      const imports = [...text.matchAll(DYNAMODB_IMPORT)].map((match) => match[0].trim());
      const typeOnly = (statement: string) => /^(import|export)\s+type\b/.test(statement);
      const allowed = path in TYPE_ONLY_DYNAMODB_IMPORTS;
      return imports.filter((statement) => !(allowed && typeOnly(statement))).map((statement) => `${path}: ${statement}`);
    });
    expect(offending).toEqual([]);
  });

  it('keeps its allow-list of type-only DynamoDB imports current', () => {
    const stale = Object.keys(TYPE_ONLY_DYNAMODB_IMPORTS).filter((path) => !files.some((f) => f.path === path && [...f.text.matchAll(DYNAMODB_IMPORT)].length > 0));
    expect(stale).toEqual([]);
  });
});

describe('Architecture: errors', () => {
  const declared = files.flatMap(({ path, text }) =>
    [...text.matchAll(/\bclass\s+(\w+)(?:<[^>]*>)?\s+extends\s+(\w+)\b/g)].map((match) => ({ path, name: match[1] ?? '', base: match[2] ?? '' })),
  );

  it(`derives every error class in lib from ${ERROR_BASE.name} (${ERROR_BASE.file})`, () => {
    const builtIn = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'AggregateError']);
    const offending = declared
      .filter((c) => builtIn.has(c.base))
      .filter((c) => !(c.path === ERROR_BASE.file && c.name === ERROR_BASE.name))
      .map((c) => `${c.path}#${c.name}`)
      .filter((key) => !(key in PLAIN_ERRORS));
    expect(declared).toContainEqual({ path: ERROR_BASE.file, name: ERROR_BASE.name, base: 'Error' });
    expect(offending).toEqual([]);
  });

  it('keeps its allow-list of plain errors current', () => {
    const stale = Object.keys(PLAIN_ERRORS).filter((key) => !declared.some((c) => `${c.path}#${c.name}` === key && c.base === 'Error'));
    expect(stale).toEqual([]);
  });
});
