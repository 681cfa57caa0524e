import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { ParameterAlreadyExists } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { parseWith } from '../../domain/validation.js';
import type { Clock } from '../../ports/Clock.js';
import { systemClock } from '../../runtime/systemClock.js';
import { withFileLock } from './withFileLock.js';

const StoredParameterSchema = z.strictObject({
  value: z.string(),
  version: z.number().int().positive(),
  /** ISO 8601. */
  lastModified: z.string(),
});
export type StoredParameter = z.infer<typeof StoredParameterSchema>;

const ParameterFileSchema = z.record(z.string(), StoredParameterSchema);
type ParameterFile = z.infer<typeof ParameterFileSchema>;

/**
 * SSM parameters kept in one JSON file, `{ [name]: { value, version, lastModified } }`, so
 * another process (`npm run kill-switch`) can change them while the local bot runs. Every
 * read reads the file; every write replaces it whole through a rename, so a reader never
 * sees half a file. A put reads and writes holding the file's lock (withFileLock), so two
 * writers at once, in one process or two, lose no write and number versions one by one.
 */
export class LocalParameterStore {
  private constructor(
    readonly file: string,
    private readonly clock: Clock,
  ) {}

  /** A fresh file holding `initial`, each parameter at version 1; replaces a file already there. */
  static async create(file: string, initial: Readonly<Record<string, string>>, clock: Clock = systemClock): Promise<LocalParameterStore> {
    const store = new LocalParameterStore(file, clock);
    const lastModified = new Date(clock.now()).toISOString();
    await mkdir(dirname(file), { recursive: true });
    await store.write(Object.fromEntries(Object.entries(initial).map(([name, value]) => [name, { value, version: 1, lastModified }])));
    return store;
  }

  /** The store of a file `create` wrote, by another process perhaps. */
  static open(file: string, clock: Clock = systemClock): LocalParameterStore {
    if (!existsSync(file)) throw new Error(`${file}: no local parameter file there (the local bot writes it when it starts)`);
    return new LocalParameterStore(file, clock);
  }

  async get(name: string): Promise<StoredParameter | undefined> {
    const parameters = await this.read();
    return Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  }

  /** Sets the value; returns the new version, 1 for a new parameter. Without `overwrite`, an existing one is SSM's ParameterAlreadyExists. */
  async put(name: string, value: string, options: { readonly overwrite: boolean }): Promise<number> {
    // Read, change and write under the file's lock: two puts at once both land, each on the other's.
    return withFileLock(this.file, async () => {
      const parameters = await this.read();
      const existing = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
      if (existing !== undefined && !options.overwrite) {
        throw new ParameterAlreadyExists({ message: `The parameter ${name} already exists. To overwrite this value, set the overwrite option in the request to true.`, $metadata: {} });
      }
      const version = (existing?.version ?? 0) + 1;
      await this.write({ ...parameters, [name]: { value, version, lastModified: new Date(this.clock.now()).toISOString() } });
      return version;
    });
  }

  private async read(): Promise<ParameterFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      throw new Error(`${this.file}: local parameter file cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.file}: local parameter file is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return parseWith(ParameterFileSchema, json, this.file);
  }

  private async write(parameters: ParameterFile): Promise<void> {
    // The temp file is in the same directory: a rename within one file system is atomic.
    const temp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temp, `${JSON.stringify(parameters, null, 2)}\n`);
    await rename(temp, this.file);
  }
}
