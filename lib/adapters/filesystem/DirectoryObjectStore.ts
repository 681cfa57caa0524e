import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError } from '../../domain/errors.js';
import type { ObjectStore } from '../../ports/ObjectStore.js';

/**
 * ObjectStore on a directory, a key a relative path under it. A write goes to a temporary
 * file renamed over the key, so a reader sees the whole object or none, as with S3.
 */
export class DirectoryObjectStore implements ObjectStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = resolve(root);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const path = this.pathOf(key);
    if (!existsSync(path)) return undefined;
    return new Uint8Array(await readFile(path));
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  has(key: string): Promise<boolean> {
    return Promise.resolve(existsSync(this.pathOf(key)));
  }

  async list(prefix: string): Promise<string[]> {
    // The deepest directory the prefix names whole; the rest of the prefix filters the keys under it.
    const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = join(this.location, directory);
    if (!existsSync(start)) return [];
    const entries = await readdir(start, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
      .map((entry) => relative(this.location, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix));
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.location, key));
    if (key === '' || !path.startsWith(this.location + sep)) throw new InvalidInputError('object key', `${JSON.stringify(key)} is not a path inside ${this.location}`);
    return path;
  }
}
