import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { TABLE_IDS, type TableId } from '../../adapters/dynamodb/tableDefinitions.js';
import { TimeframeSchema } from '../../domain/candle.js';

/** `<repo root>/.local/bots`: this file is `<repo root>/lib/local/bots/localBotRegistry.ts`. */
export const DEFAULT_LOCAL_BOTS_DIR = fileURLToPath(new URL('../../../.local/bots', import.meta.url));

const LocalBotEntrySchema = z.strictObject({
  botId: z.string().min(1),
  pid: z.number().int().positive(),
  /** The LocalParameterStore file holding the bot's kill switch. */
  parameterFile: z.string().min(1),
  /** Epoch ms. */
  startedAt: z.number(),
  /** Where `npm run status` reads the bot: its DynamoDB Local, its tables there, and its series. */
  dynamoDbEndpoint: z.url().optional(),
  tableNames: z.strictObject(Object.fromEntries(TABLE_IDS.map((id) => [id, z.string().min(1)])) as Record<TableId, z.ZodString>).optional(),
  series: z.array(z.strictObject({ symbol: z.string().min(1), timeframe: TimeframeSchema })).optional(),
});
export type LocalBotEntry = z.infer<typeof LocalBotEntrySchema>;

const entryFile = (dir: string, pid: number) => join(dir, `${pid}.json`);

/**
 * Records a running local bot (`npm start`) in `dir`, one `<pid>.json` each, so that
 * `npm run kill-switch` and `npm run status` find it. The returned function removes the record; so does the
 * process's exit. A process killed outright leaves its record, which `runningLocalBots`
 * removes once it sees the pid is gone.
 */
export async function registerLocalBot(dir: string, entry: LocalBotEntry): Promise<() => void> {
  await mkdir(dir, { recursive: true });
  const file = entryFile(dir, entry.pid);
  // Written aside and renamed: a reader never sees half a record (and skips the `.tmp` name).
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(LocalBotEntrySchema.parse(entry), null, 2)}\n`);
  await rename(temp, file);
  // Synchronous: an 'exit' listener cannot wait for a promise.
  const unregister = () => {
    process.off('exit', unregister);
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };
  process.on('exit', unregister);
  return unregister;
}

/**
 * The bots recorded in `dir` whose process is alive, by pid; the records of dead ones (and
 * unreadable ones of dead pids) are deleted. A pid the system has since reused for another
 * process still counts as alive.
 */
export async function runningLocalBots(dir: string): Promise<readonly LocalBotEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const running: LocalBotEntry[] = [];
  for (const name of names.filter((candidate) => /^\d+\.json$/.test(candidate)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))) {
    const file = join(dir, name);
    const pid = parseInt(name, 10);
    if (!isAlive(pid)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    const entry = await readEntry(file);
    if (entry !== undefined) running.push(entry);
  }
  return running;
}

async function readEntry(file: string): Promise<LocalBotEntry | undefined> {
  try {
    const parsed = LocalBotEntrySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Gone since the listing (its bot exited), or not a record: nothing to find there.
    return undefined;
  }
}

/** Signal 0 checks a process exists without signalling it; EPERM means it exists but is not ours. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
